import {
  Button,
  Col,
  Input,
  Modal,
  Radio,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LocalMember, SyncPlan } from '../../../../api/sync';
import { FILTERS, inFilter, type Pairing, type PairingRow, type RowFilter } from './use-pairing';

const PAGE = { pageSize: 8, showSizeChanger: false, size: 'small' as const };
const AMBIGUOUS_ROW = { style: { background: '#fff7e6' } };

const has = (needle: string, ...hay: (string | null | undefined)[]) =>
  !needle || hay.some((h) => (h ?? '').toLowerCase().includes(needle.toLowerCase()));

/** 已移出: an admin unbound this member; syncs leave it alone until it is paired by hand. */
function UnpairedTag() {
  const { t } = useTranslation();
  return (
    <Tooltip title={t('sync.unpairedHint')}>
      <Tag color="volcano" data-testid="sync-unpaired-flag">
        {t('sync.unpairedTag')}
      </Tag>
    </Tooltip>
  );
}

/**
 * The proposal is an account that is not the tenant's own: the sync asks its owner (等待本人同意).
 * Outside the tenant, the plan does not say who it is.
 */
function OwnerState({ row }: { row: PairingRow }) {
  const { t } = useTranslation();
  if (row.chosen !== row.userId) return null;
  if (row.ownerRefused) {
    return (
      <Tooltip title={t('sync.ownerRefusedHint')}>
        <Tag color="red" data-testid="sync-owner-refused">
          {t('sync.ownerRefused')}
        </Tag>
      </Tooltip>
    );
  }
  if (!row.awaitingOwner && !row.outsider) return null;
  return (
    <Tooltip title={t('sync.awaitingOwnerHint')}>
      <Tag
        color="orange"
        data-testid={row.outsider ? 'sync-outsider' : 'sync-awaiting-owner'}
        style={{ whiteSpace: 'normal', marginBottom: 4 }}
      >
        {t(row.outsider ? 'sync.outsider' : 'sync.awaitingOwner')}
      </Tag>
    </Tooltip>
  );
}

function MatchTag({ row }: { row: PairingRow }) {
  const { t } = useTranslation();
  if (row.ambiguous && row.chosen === null) {
    return (
      <Tooltip title={t('sync.ambiguousHint')}>
        <Tag color="orange">{t('sync.match.ambiguous')}</Tag>
      </Tooltip>
    );
  }
  const color = row.match === 'bound' ? 'green' : row.match === 'none' ? 'default' : 'blue';
  return <Tag color={color}>{t(`sync.match.${row.match}`)}</Tag>;
}

/** Department path(s), position and masked mobile: enough to tell two 王英 apart. */
function WeComDetails({ row, paths }: { row: PairingRow; paths: Record<string, string> }) {
  const depts = row.wechatDepartmentIds.map((id) => paths[id] ?? id);
  const parts = [
    depts.length > 0 ? depts[0] + (depts.length > 1 ? ` +${depts.length - 1}` : '') : null,
    row.wechatPosition,
    row.wechatMobile,
  ].filter((x): x is string => !!x);
  if (parts.length === 0) return null;
  return (
    <div data-testid="sync-wecom-details">
      <Tooltip title={depts.length > 1 ? depts.join('\n') : undefined}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {parts.join(' · ')}
        </Typography.Text>
      </Tooltip>
    </div>
  );
}

function ExcludedTag({ row }: { row: PairingRow }) {
  const { t } = useTranslation();
  return (
    <Tooltip title={t(row.excluded ? 'sync.excludedStoredHint' : 'sync.excludedHint')}>
      <Tag data-testid="sync-excluded-tag">{t('sync.excludedTag')}</Tag>
    </Tooltip>
  );
}

function useWeComColumns(
  p: Pairing,
  paths: Record<string, string>,
  onRemove: (r: PairingRow) => void,
): ColumnsType<PairingRow> {
  const { t } = useTranslation();
  const rowName = useMemo(
    () => new Map(p.rows.map((r) => [r.wechatUserId, r.wechatName])),
    [p.rows],
  );
  const options = useMemo(
    () =>
      [...p.people.values()].map((u) => ({
        value: u.userId,
        label: `${u.realname} (${u.username})`,
      })),
    [p.people],
  );
  // An account paired with another WeCom member is shown, but cannot be picked twice.
  const optionsFor = (r: PairingRow) => {
    const list = r.candidates
      ? options
          .filter((o) => r.candidates!.includes(o.value))
          .concat(options.filter((o) => !r.candidates!.includes(o.value)))
      : options;
    return list.map((o) => {
      const holder = p.owner.get(o.value);
      if (!holder || holder === r.wechatUserId) return o;
      return {
        ...o,
        disabled: true,
        label: `${o.label} — ${t('sync.pairedWith', { name: rowName.get(holder) ?? holder })}`,
      };
    });
  };
  return [
    {
      title: t('sync.wecomMembers'),
      key: 'wecom',
      render: (_, r) => (
        <div>
          <div>
            {r.wechatName}{' '}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {r.wechatUserId}
            </Typography.Text>
          </div>
          <WeComDetails row={r} paths={paths} />
          {r.wechatStatus !== 'active' && <Tag>{t(`sync.status.${r.wechatStatus}`)}</Tag>}
          {r.unpaired && <UnpairedTag />}
        </div>
      ),
    },
    { title: '', key: 'match', width: 90, render: (_, r) => <MatchTag row={r} /> },
    {
      title: t('sync.systemMembers'),
      key: 'system',
      width: 260,
      render: (_, r) => {
        if (r.match === 'bound') return `${r.realname ?? ''} (${r.username ?? ''})`;
        if (r.leftOut) return <ExcludedTag row={r} />;
        const placeholder = r.unpaired
          ? 'sync.unpairedPlaceholder'
          : r.outsider || r.ownerRefused
            ? 'sync.pickInstead'
            : 'sync.newAccount';
        return (
          <>
            <OwnerState row={r} />
            <Space.Compact style={{ width: '100%' }}>
              <Select
                showSearch
                allowClear
                size="small"
                style={{ width: '100%' }}
                placeholder={t(placeholder)}
                value={r.chosen ?? undefined}
                options={optionsFor(r)}
                optionFilterProp="label"
                onChange={(v) => p.pick(r.wechatUserId, (v as number | undefined) ?? null)}
                aria-label={t('sync.pickFor', { name: r.wechatName })}
              />
              {r.chosen !== null && (
                <Button
                  size="small"
                  onClick={() => onRemove(r)}
                  data-testid={`sync-remove-${r.wechatUserId}`}
                >
                  {t('sync.remove')}
                </Button>
              )}
            </Space.Compact>
          </>
        );
      },
    },
    {
      title: '',
      key: 'exclude',
      width: 70,
      // Excluding from creation means nothing for a member no sync creates (移出).
      render: (_, r) => {
        if (r.match === 'bound' || (r.unpaired && !r.leftOut)) return null;
        if (r.leftOut)
          return (
            <Button
              type="link"
              size="small"
              onClick={() => p.restore(r.wechatUserId)}
              data-testid={`sync-restore-${r.wechatUserId}`}
            >
              {t('sync.include')}
            </Button>
          );
        return r.chosen === null ? (
          <Button
            type="link"
            size="small"
            onClick={() => p.exclude(r.wechatUserId)}
            data-testid={`sync-exclude-${r.wechatUserId}`}
          >
            {t('sync.exclude')}
          </Button>
        ) : null;
      },
    },
  ];
}

/**
 * 移出 on a proposed or picked pair: the member is not this account — then should it get an
 * account of its own, or be left out (排除, remembered by later runs)? Never decided silently.
 */
function RemoveDialog({
  row,
  p,
  onClose,
}: {
  row: PairingRow | null;
  p: Pairing;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const person = row?.chosen != null ? p.people.get(row.chosen) : undefined;
  const account = person ? `${person.realname} (${person.username})` : t('sync.outsiderShort');
  return (
    <Modal
      open={row !== null}
      title={t('sync.removeTitle')}
      onCancel={onClose}
      destroyOnHidden
      data-testid="sync-remove-dialog"
      footer={[
        <Button key="cancel" onClick={onClose}>
          {t('sync.cancel')}
        </Button>,
        <Button
          key="create"
          data-testid="sync-remove-create"
          onClick={() => {
            if (row) p.pick(row.wechatUserId, null);
            onClose();
          }}
        >
          {t('sync.removeCreate')}
        </Button>,
        <Button
          key="exclude"
          type="primary"
          data-testid="sync-remove-exclude"
          onClick={() => {
            if (row) p.exclude(row.wechatUserId);
            onClose();
          }}
        >
          {t('sync.removeExclude')}
        </Button>,
      ]}
    >
      {row && (
        <Typography.Paragraph>
          {t('sync.removeBody', { wechat: `${row.wechatName} (${row.wechatUserId})`, account })}
        </Typography.Paragraph>
      )}
      <Typography.Paragraph type="secondary">{t('sync.removeHint')}</Typography.Paragraph>
    </Modal>
  );
}

function SystemTable({ p }: { p: Pairing }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const people = [...p.people.values()].filter((u) => has(q, u.realname, u.username));
  const columns: ColumnsType<LocalMember> = [
    {
      title: t('sync.systemMembers'),
      key: 'name',
      render: (_, u) => (
        <div>
          <div>{u.realname}</div>
          <Typography.Text type="secondary">{u.username}</Typography.Text>
        </div>
      ),
    },
    {
      title: '',
      key: 'state',
      render: (_, u) => {
        const owner = p.owner.get(u.userId);
        const row = owner ? p.rows.find((r) => r.wechatUserId === owner) : undefined;
        // The proposal kept for an account that is not the tenant's own: its owner decides.
        const asked = row?.awaitingOwner && row.chosen === row.userId;
        if (owner)
          return (
            <Tag color={asked ? 'orange' : 'blue'}>
              {t(asked ? 'sync.awaitingWith' : 'sync.pairedWith', {
                name: row?.wechatName ?? owner,
              })}
            </Tag>
          );
        return u.ambiguous ? (
          <Tag color="orange">{t('sync.match.ambiguous')}</Tag>
        ) : (
          <Tag>{t('sync.unpaired')}</Tag>
        );
      },
    },
  ];
  return (
    <>
      <Input.Search
        allowClear
        placeholder={t('sync.search')}
        onChange={(e) => setQ(e.target.value)}
        style={{ marginBottom: 8 }}
        aria-label={t('sync.systemMembers')}
      />
      <Table
        rowKey="userId"
        size="small"
        columns={columns}
        dataSource={people}
        pagination={PAGE}
        onRow={(u) => (u.ambiguous ? AMBIGUOUS_ROW : {})}
      />
    </>
  );
}

/** System members on the left, WeCom members on the right; both paged and searchable. */
export function PairingView({ p, plan }: { p: Pairing; plan: SyncPlan }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [filter, setFilter] = useState<RowFilter>('all');
  const [removing, setRemoving] = useState<PairingRow | null>(null);
  const paths = plan.members.departmentPaths ?? {};
  const columns = useWeComColumns(p, paths, setRemoving);
  const rows = p.rows.filter(
    (r) =>
      has(
        q,
        r.wechatName,
        r.wechatUserId,
        r.realname,
        r.username,
        r.wechatPosition,
        ...r.wechatDepartmentIds.map((id) => paths[id]),
      ) && inFilter(r, filter),
  );
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={9}>
        <SystemTable p={p} />
      </Col>
      <Col xs={24} lg={15}>
        <Space direction="vertical" style={{ width: '100%', marginBottom: 8 }}>
          <Input.Search
            allowClear
            placeholder={t('sync.search')}
            onChange={(e) => setQ(e.target.value)}
            aria-label={t('sync.wecomMembers')}
          />
          <Radio.Group
            size="small"
            optionType="button"
            buttonStyle="solid"
            value={filter}
            onChange={(e) => setFilter(e.target.value as RowFilter)}
            aria-label={t('sync.filterLabel')}
            data-testid="sync-filter"
            options={FILTERS.map((f) => ({
              value: f,
              label: `${t(`sync.filter.${f}`)} ${p.filterCounts[f]}`,
            }))}
          />
        </Space>
        <Table
          rowKey="wechatUserId"
          size="small"
          columns={columns}
          dataSource={rows}
          pagination={PAGE}
          locale={{ emptyText: t(filter === 'attention' ? 'sync.nothingToDecide' : 'sync.noRows') }}
          // Phones scroll the table sideways rather than squeeze names to a letter per line.
          scroll={{ x: 640 }}
          onRow={(r) => (r.ambiguous && r.chosen === null ? AMBIGUOUS_ROW : {})}
          data-testid="sync-wecom-table"
        />
      </Col>
      <RemoveDialog row={removing} p={p} onClose={() => setRemoving(null)} />
    </Row>
  );
}
