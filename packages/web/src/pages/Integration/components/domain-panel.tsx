import { App, Button, Descriptions, Grid, Input, Space, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { domainApi } from '../../../api/domain';
import { queryKeys } from '../../../api/query-keys';
import { useQueryScope } from '../../../api/use-query-scope';
import { useApiError } from '../../../components/use-api-error';
import { useReportQueryError } from '../../../components/use-paged-list';
import { CopyText } from './copy-text';
import { VerifyFilesPanel } from './verify-files-panel';

/**
 * The tenant's own host (PRODUCT.md §8): the host to give WeCom as trusted domain (可信域名) and
 * callback host, a field to set or clear it, and the verification files WeCom asks that host to
 * serve.
 */
export function DomainPanel() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { report } = useApiError();
  const client = useQueryClient();
  const key = queryKeys.tenantDomain(useQueryScope());
  const query = useQuery({ queryKey: key, queryFn: () => domainApi.get() });
  useReportQueryError(query.error);
  const domain = query.data ?? null;
  // What the admin typed; until they type, the field shows the stored domain.
  const [typed, setDraft] = useState<string | null>(null);
  const draft = typed ?? domain?.customDomain ?? '';
  const [saving, setSaving] = useState(false);
  // On a phone the labels go above the values, so neither is squeezed into a sliver.
  const wide = Grid.useBreakpoint().md ?? true;

  const save = async (value: string | null) => {
    setSaving(true);
    try {
      client.setQueryData(key, await domainApi.set(value));
      setDraft(null);
      void message.success(t(value === null ? 'domain.cleared' : 'domain.saved'));
    } catch (error) {
      report(error);
    } finally {
      setSaving(false);
    }
  };

  return (
    <div data-testid="domain-panel" style={{ marginTop: 16 }}>
      <Typography.Title level={5}>{t('domain.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('domain.intro')}</Typography.Paragraph>
      <Descriptions
        column={1}
        bordered
        size="small"
        layout={wide ? 'horizontal' : 'vertical'}
        styles={wide ? { label: { width: 180 } } : {}}
      >
        <Descriptions.Item label={t('domain.hostForWeCom')}>
          {domain ? <CopyText value={domain.host} testId="domain-host" /> : null}
          <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>
            {t('domain.hostHint')}
          </Typography.Paragraph>
        </Descriptions.Item>
        <Descriptions.Item label={t('domain.customDomain')}>
          <Space.Compact style={{ width: '100%', maxWidth: 480 }}>
            <Input
              value={draft}
              placeholder="sso.example.com"
              onChange={(e) => setDraft(e.target.value)}
              onPressEnter={() => void save(draft.trim() || null)}
              data-testid="domain-input"
              aria-label={t('domain.customDomain')}
            />
            <Button
              type="primary"
              loading={saving}
              onClick={() => void save(draft.trim() || null)}
              data-testid="domain-save"
            >
              {t('domain.save')}
            </Button>
          </Space.Compact>
          {domain?.customDomain ? (
            <div>
              <Button
                type="link"
                size="small"
                style={{ paddingInline: 0, marginTop: 4 }}
                onClick={() => void save(null)}
                data-testid="domain-clear"
              >
                {t('domain.clear', { host: domain.sharedHost })}
              </Button>
            </div>
          ) : null}
          <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>
            {t('domain.customHint')}
          </Typography.Paragraph>
        </Descriptions.Item>
      </Descriptions>
      <VerifyFilesPanel />
    </div>
  );
}
