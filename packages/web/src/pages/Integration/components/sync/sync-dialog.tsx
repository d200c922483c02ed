import { Alert, App, Button, Modal, Space, Spin, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { followRun, RUN_ENDED, syncApi, type SyncPlan, type SyncRun } from '../../../../api/sync';
import { PairingView } from './pairing-view';
import { RunProgress, RunResult } from './run-view';
import { syncErrorText } from './sync-error';
import { usePairing } from './use-pairing';
import { useIntegration } from '../../integration-context';

type Stage =
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | { kind: 'review'; plan: SyncPlan }
  | { kind: 'run'; run: SyncRun };

/**
 * True when starting this sync would write nothing: no account to create, bind, update or mark
 * left, no link request to send or withdraw, no department to change, no 排除 added or undone.
 * Such a run would only add an empty line to the history.
 */
function changesNothing(plan: SyncPlan, p: ReturnType<typeof usePairing>): boolean {
  const d = plan.departments;
  const decisions = p.decisions();
  return [
    p.counts.create,
    p.counts.bind,
    p.counts.linkRequests,
    p.counts.update,
    p.counts.leave,
    plan.counts.linkRequestsCancelled ?? 0,
    d.create.length,
    d.rename.length,
    d.move.length,
    d.reorder.length,
    d.remove.length,
    decisions.exclude.length,
    decisions.include.length,
  ].every((n) => n === 0);
}

function Review({ plan, onApplied }: { plan: SyncPlan; onApplied: (runId: number) => void }) {
  const { t } = useTranslation();
  const p = usePairing(plan);
  const { modal } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const d = plan.departments;
  const idle = changesNothing(plan, p);

  function confirm() {
    modal.confirm({
      title: t('sync.confirmTitle'),
      content: (
        <>
          <Typography.Paragraph>
            {t('sync.confirmBody', { ...p.counts, count: p.counts.create })}
          </Typography.Paragraph>
          {p.counts.linkRequests > 0 && (
            <Typography.Paragraph data-testid="sync-confirm-link-requests">
              {t('sync.confirmLinkRequests', { count: p.counts.linkRequests })}
            </Typography.Paragraph>
          )}
          {p.counts.excluded > 0 && (
            <Typography.Paragraph data-testid="sync-confirm-excluded">
              {t('sync.confirmExcluded', { count: p.counts.excluded })}
            </Typography.Paragraph>
          )}
        </>
      ),
      okText: t('sync.apply'),
      cancelText: t('sync.cancel'),
      onOk: async () => {
        setBusy(true);
        try {
          const { runId } = await syncApi.apply({ planId: plan.planId, ...p.decisions() });
          onApplied(runId);
        } catch (err) {
          setError(syncErrorText(t, err));
        } finally {
          setBusy(false);
        }
      },
    });
  }

  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="sync-review">
      <Typography.Text>
        {t('sync.summary', {
          members: plan.counts.wecomMembers,
          departments: plan.counts.wecomDepartments,
          dCreate: d.create.length,
          dRename: d.rename.length,
          dMove: d.move.length,
          dRemove: d.remove.length,
        })}
      </Typography.Text>
      {plan.partial && (
        <Alert
          type="warning"
          showIcon
          message={t('sync.partial', { code: plan.problems[0]?.providerCode ?? '' })}
        />
      )}
      {!plan.partial && plan.problems.length > 0 && (
        <Alert
          type="warning"
          showIcon
          data-testid="sync-contacts-problem"
          message={t('sync.contactsProblem', { code: plan.problems[0]?.providerCode ?? '' })}
        />
      )}
      {(plan.counts.outsideRange ?? 0) > 0 && (
        <Alert
          type="info"
          showIcon
          data-testid="sync-outside-range"
          message={t('sync.outsideRange', { count: plan.counts.outsideRange })}
        />
      )}
      {(plan.counts.unpaired ?? 0) > 0 && (
        <Alert
          type="info"
          showIcon
          data-testid="sync-unpaired"
          message={t('sync.unpairedNotice', { count: plan.counts.unpaired })}
        />
      )}
      {(plan.counts.excluded ?? 0) > 0 && (
        <Alert
          type="info"
          showIcon
          data-testid="sync-excluded-notice"
          message={t('sync.excludedNotice', { count: plan.counts.excluded })}
        />
      )}
      {(plan.counts.linkRequests ?? 0) > 0 && (
        <Alert
          type="info"
          showIcon
          data-testid="sync-link-requests"
          title={t('sync.linkRequestsNotice', { count: plan.counts.linkRequests })}
        />
      )}
      {error && (
        <Alert type="error" showIcon message={error} closable onClose={() => setError(null)} />
      )}
      <PairingView p={p} plan={plan} />
      <Space style={{ justifyContent: 'space-between', width: '100%' }}>
        {idle ? (
          <Typography.Text type="secondary" data-testid="sync-nothing-to-do">
            {t('sync.nothingToDo')}
          </Typography.Text>
        ) : (
          <Typography.Text type="secondary">
            {t('sync.confirmBody', { ...p.counts, count: p.counts.create })}
            {p.counts.linkRequests > 0 &&
              ` ${t('sync.confirmLinkRequests', { count: p.counts.linkRequests })}`}
            {p.counts.excluded > 0 && ` ${t('sync.confirmExcluded', { count: p.counts.excluded })}`}
          </Typography.Text>
        )}
        <Button
          type="primary"
          loading={busy}
          disabled={idle}
          onClick={confirm}
          data-testid="sync-apply"
        >
          {t('sync.apply')}
        </Button>
      </Space>
    </Space>
  );
}

/** 同步 → preview → pairs → confirm with counts → live progress → result (successes and failures). */
export function SyncDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { thirdType } = useIntegration();
  const [stage, setStage] = useState<Stage>({ kind: 'loading' });
  const abort = useRef<AbortController | null>(null);

  useEffect(() => {
    if (!open) return;
    setStage({ kind: 'loading' });
    syncApi.preview(thirdType).then(
      (plan) => setStage({ kind: 'review', plan }),
      (err) => setStage({ kind: 'error', message: syncErrorText(t, err) }),
    );
    return () => abort.current?.abort();
  }, [open, t, thirdType]);

  function follow(runId: number) {
    abort.current?.abort();
    const ctl = new AbortController();
    abort.current = ctl;
    void followRun(runId, (run) => setStage({ kind: 'run', run }), ctl.signal).catch((err) =>
      setStage({ kind: 'error', message: syncErrorText(t, err) }),
    );
  }

  async function confirmRun(runId: number) {
    try {
      await syncApi.confirm(runId);
      follow(runId);
    } catch (err) {
      setStage({ kind: 'error', message: syncErrorText(t, err) });
    }
  }

  async function cancelRun(runId: number) {
    try {
      setStage({ kind: 'run', run: await syncApi.cancel(runId) });
    } catch (err) {
      setStage({ kind: 'error', message: syncErrorText(t, err) });
    }
  }

  const running = stage.kind === 'run' && !RUN_ENDED.has(stage.run.status);
  const title =
    stage.kind === 'run'
      ? running
        ? t('sync.progressTitle')
        : t('sync.resultTitle')
      : t('sync.dialogTitle');
  return (
    <Modal
      open={open}
      title={title}
      width={1100}
      onCancel={onClose}
      maskClosable={false}
      destroyOnHidden
      footer={<Button onClick={onClose}>{t('sync.close')}</Button>}
    >
      {stage.kind === 'loading' && (
        <Space>
          <Spin /> {t('sync.reading')}
        </Space>
      )}
      {stage.kind === 'error' && <Alert type="error" showIcon message={stage.message} />}
      {stage.kind === 'review' && <Review plan={stage.plan} onApplied={follow} />}
      {stage.kind === 'run' && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <RunProgress
            run={stage.run}
            onConfirm={() => void confirmRun(stage.run.id)}
            onCancel={() => void cancelRun(stage.run.id)}
          />
          {!running && stage.run.status !== 'needs_confirmation' && <RunResult run={stage.run} />}
        </Space>
      )}
    </Modal>
  );
}
