import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { MessageRecord, RecipientOutcome } from '../../../api/messages';

const STATUS_COLORS: Record<string, string> = {
  sent: 'green',
  partial: 'gold',
  failed: 'red',
  not_sent: 'default',
  sending: 'blue',
  unknown: 'orange',
  recalled: 'purple',
};
const OUTCOME_COLORS: Record<RecipientOutcome, string> = {
  delivered: 'green',
  invalid: 'red',
  unbound: 'default',
  throttled: 'orange',
  failed: 'red',
  pending: 'blue',
  unknown: 'orange',
};

/** A message's status; a recalled message shows as recalled whatever its send status was. */
export function StatusTag({ record }: { record: Pick<MessageRecord, 'status' | 'recalledAt'> }) {
  const { t } = useTranslation();
  const s = record.recalledAt ? 'recalled' : record.status;
  return <Tag color={STATUS_COLORS[s]}>{t(`messages.status.${s}`)}</Tag>;
}

export function OutcomeTag({ outcome, count }: { outcome: RecipientOutcome; count?: number }) {
  const { t } = useTranslation();
  return (
    <Tag color={OUTCOME_COLORS[outcome]}>
      {t(`messages.outcome.${outcome}`)}
      {count === undefined ? '' : ` ${count}`}
    </Tag>
  );
}
