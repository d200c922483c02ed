import {
  Button,
  Checkbox,
  Col,
  Input,
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
import type { LocalMember } from '../../../../api/sync';
import type { Pairing, PairingRow } from './use-pairing';

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

function useWeComColumns(p: Pairing): ColumnsType<PairingRow> {
  const { t } = useTranslation();
  const options = useMemo(
    () =>
      [...p.people.values()].map((u) => ({
        value: u.userId,
        label: `${u.realname} (${u.username})`,
      })),
    [p.people],
  );
  return [
    {
      title: t('sync.wecomMembers'),
      key: 'wecom',
      render: (_, r) => (
        <div>
          <div>{r.wechatName}</div>
          <Typography.Text type="secondary">{r.wechatUserId}</Typography.Text>{' '}
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
        if (r.excluded) return <Tag>{t('sync.excludedTag')}</Tag>;
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
                options={
                  r.candidates
                    ? options
                        .filter((o) => r.candidates!.includes(o.value))
                        .concat(options.filter((o) => !r.candidates!.includes(o.value)))
                    : options
                }
                optionFilterProp="label"
                onChange={(v) => p.pick(r.wechatUserId, (v as number | undefined) ?? null)}
                aria-label={t('sync.pick')}
              />
              {r.chosen !== null && (
                <Button size="small" onClick={() => p.pick(r.wechatUserId, null)}>
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
      render: (_, r) =>
        r.match === 'bound' || r.unpaired ? null : (
          <Button type="link" size="small" onClick={() => p.toggleExclude(r.wechatUserId)}>
            {r.excluded ? t('sync.include') : t('sync.exclude')}
          </Button>
        ),
    },
  ];
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
export function PairingView({ p }: { p: Pairing }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [attention, setAttention] = useState(false);
  const columns = useWeComColumns(p);
  const rows = p.rows.filter(
    (r) =>
      has(q, r.wechatName, r.wechatUserId, r.realname, r.username) &&
      (!attention || (r.match !== 'bound' && (r.ambiguous || r.chosen === null))),
  );
  return (
    <Row gutter={16}>
      <Col xs={24} lg={9}>
        <SystemTable p={p} />
      </Col>
      <Col xs={24} lg={15}>
        <Space style={{ marginBottom: 8 }} wrap>
          <Input.Search
            allowClear
            placeholder={t('sync.search')}
            onChange={(e) => setQ(e.target.value)}
            aria-label={t('sync.wecomMembers')}
          />
          <Checkbox checked={attention} onChange={(e) => setAttention(e.target.checked)}>
            {t('sync.onlyAttention')}
          </Checkbox>
        </Space>
        <Table
          rowKey="wechatUserId"
          size="small"
          columns={columns}
          dataSource={rows}
          pagination={PAGE}
          // Phones scroll the table sideways rather than squeeze names to a letter per line.
          scroll={{ x: 640 }}
          onRow={(r) => (r.ambiguous && r.chosen === null ? AMBIGUOUS_ROW : {})}
        />
      </Col>
    </Row>
  );
}
