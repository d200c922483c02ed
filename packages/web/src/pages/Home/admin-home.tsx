import { Alert, Card, Col, Row, Space, Statistic, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { paths, pendingMembersPath } from '../../app/paths';
import { useSession } from '../../app/session';
import { formatTime } from '../../components/format';
import { errorText } from '../../components/use-api-error';
import { useHomeSummary, type HomeSummary } from './use-home-summary';

const RUN_COLORS: Record<string, string> = {
  succeeded: 'green',
  failed: 'red',
  running: 'blue',
  needs_confirmation: 'orange',
  cancelled: 'default',
  planned: 'default',
};

function Tile(props: { title: string; testId: string; children: ReactNode; link?: ReactNode }) {
  return (
    <Card
      size="small"
      title={props.title}
      extra={props.link}
      data-testid={props.testId}
      style={{ height: '100%' }}
    >
      {props.children}
    </Card>
  );
}

function Connection({ c }: { c: HomeSummary['connection'] }) {
  const { t, i18n } = useTranslation();
  if (!c.configured) return <Typography.Text>{t('home.connection.none')}</Typography.Text>;
  return (
    <Space orientation="vertical" size={4}>
      <span>
        {c.enabled ? (
          <Tag color="green">{t('home.connection.enabled')}</Tag>
        ) : (
          <Tag>{t('home.connection.disabled')}</Tag>
        )}
      </span>
      <Typography.Text data-testid="home-last-test">
        {c.lastTest
          ? t(c.lastTest.ok ? 'home.connection.testOk' : 'home.connection.testFailed', {
              time: formatTime(c.lastTest.at, i18n.language),
            })
          : t('home.connection.neverTested')}
      </Typography.Text>
    </Space>
  );
}

function LastSync({ run }: { run: HomeSummary['lastSync'] }) {
  const { t, i18n } = useTranslation();
  if (!run) return <Typography.Text>{t('home.sync.never')}</Typography.Text>;
  return (
    <Space orientation="vertical" size={4}>
      <span>
        <Tag color={RUN_COLORS[run.status]}>{t(`sync.runStatus.${run.status}`)}</Tag>
        <Typography.Text>{t(`sync.trigger.${run.trigger}`, run.trigger)}</Typography.Text>
      </span>
      <Typography.Text>
        {formatTime(run.finishedAt ?? run.createdAt, i18n.language)}
      </Typography.Text>
    </Space>
  );
}

/** `/` for a tenant admin: what waits for a decision, how big the tenant is, WeCom's state. */
export function AdminHome() {
  const { t } = useTranslation();
  const { currentTenant } = useSession();
  const { data, error } = useHomeSummary();
  const go = (to: string, label: string) => <Link to={to}>{label}</Link>;
  return (
    <Card data-testid="admin-home" loading={!data && !error}>
      <Typography.Title level={1} style={{ fontSize: 22, marginTop: 0 }}>
        {t('home.title', { tenant: currentTenant?.name ?? '' })}
      </Typography.Title>
      {error !== null && <Alert type="error" showIcon title={errorText(t, error)} />}
      {data && (
        <Row gutter={[16, 16]}>
          <Col xs={24} md={12} xl={6}>
            <Tile
              title={t('home.pending.title')}
              testId="home-pending"
              link={data.members.pending > 0 && go(pendingMembersPath, t('home.pending.go'))}
            >
              <Statistic value={data.members.pending} suffix={t('home.people')} />
              <Typography.Text type="secondary">
                {data.members.pending > 0 ? t('home.pending.waiting') : t('home.pending.none')}
              </Typography.Text>
            </Tile>
          </Col>
          <Col xs={24} md={12} xl={6}>
            <Tile
              title={t('home.counts.title')}
              testId="home-counts"
              link={go(paths.users, t('home.counts.go'))}
            >
              <Row gutter={8}>
                <Col span={8}>
                  <Statistic
                    title={t('home.counts.members')}
                    value={data.members.active}
                    data-testid="home-members"
                  />
                </Col>
                <Col span={8}>
                  <Statistic
                    title={t('home.counts.bound')}
                    value={data.members.bound}
                    data-testid="home-bound"
                  />
                </Col>
                <Col span={8}>
                  <Statistic
                    title={t('home.counts.departments')}
                    value={data.departments}
                    data-testid="home-departments"
                  />
                </Col>
              </Row>
            </Tile>
          </Col>
          <Col xs={24} md={12} xl={6}>
            <Tile
              title={t('home.connection.title')}
              testId="home-connection"
              link={go(paths.wecom, t('home.connection.go'))}
            >
              <Connection c={data.connection} />
            </Tile>
          </Col>
          <Col xs={24} md={12} xl={6}>
            <Tile
              title={t('home.sync.title')}
              testId="home-last-sync"
              link={go(paths.wecom, t('home.sync.go'))}
            >
              <LastSync run={data.lastSync} />
            </Tile>
          </Col>
        </Row>
      )}
    </Card>
  );
}
