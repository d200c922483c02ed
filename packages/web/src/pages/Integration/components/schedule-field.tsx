import { Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';

/** Presets of the scheduled sync; anything else is a custom cron (server: 5 fields, ≥ 15 min apart). */
const PRESETS = { daily: '0 2 * * *', every6h: '0 */6 * * *' } as const;

export type ScheduleMode = 'off' | keyof typeof PRESETS | 'custom';

export interface ScheduleValues {
  scheduleMode: ScheduleMode;
  scheduleCron?: string;
}

/** The form values showing a stored schedule. */
export function scheduleValues(schedule: string | null | undefined): ScheduleValues {
  if (!schedule) return { scheduleMode: 'off' };
  const preset = (Object.keys(PRESETS) as (keyof typeof PRESETS)[]).find(
    (k) => PRESETS[k] === schedule,
  );
  return preset ? { scheduleMode: preset } : { scheduleMode: 'custom', scheduleCron: schedule };
}

/** The schedule to store for the form values (null = no scheduled sync). */
export function scheduleOf(values: ScheduleValues): string | null {
  if (values.scheduleMode === 'off') return null;
  if (values.scheduleMode === 'custom') return values.scheduleCron?.trim() || null;
  return PRESETS[values.scheduleMode];
}

/** The schedule in words: a preset's name or the cron expression. */
export function ScheduleText({ schedule }: { schedule: string | null }) {
  const { t } = useTranslation();
  const { scheduleMode } = scheduleValues(schedule);
  return (
    <span data-testid="wecom-config-schedule">
      {scheduleMode === 'custom'
        ? t('wecom.config.schedule.customText', { cron: schedule })
        : t(`wecom.config.schedule.${scheduleMode}`)}
    </span>
  );
}

/** 定时同步: preset or custom cron, in Beijing time. */
export function ScheduleFields() {
  const { t } = useTranslation();
  const mode = Form.useWatch('scheduleMode') as ScheduleMode | undefined;
  const modes: ScheduleMode[] = ['off', 'daily', 'every6h', 'custom'];
  return (
    <>
      <Form.Item
        name="scheduleMode"
        label={t('wecom.config.fields.schedule')}
        extra={t('wecom.config.help.schedule')}
        initialValue="off"
      >
        <Select
          data-testid="wecom-schedule-mode"
          options={modes.map((m) => ({ value: m, label: t(`wecom.config.schedule.${m}`) }))}
        />
      </Form.Item>
      {mode === 'custom' && (
        <Form.Item
          name="scheduleCron"
          label={t('wecom.config.fields.scheduleCron')}
          extra={t('wecom.config.help.scheduleCron')}
          rules={[
            {
              required: true,
              pattern: /^\s*\S+(\s+\S+){4}\s*$/,
              message: t('wecom.config.rules.scheduleCron'),
            },
          ]}
        >
          <Input placeholder="0 2 * * *" autoComplete="off" data-testid="wecom-schedule-cron" />
        </Form.Item>
      )}
    </>
  );
}
