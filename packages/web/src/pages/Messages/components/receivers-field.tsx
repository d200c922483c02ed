import { Form, Radio, Select, Tag, TreeSelect, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { flattenDepartments } from '../../../api/departments';
import { usersApi, type UserRow } from '../../../api/users';
import { useApiError } from '../../../components/use-api-error';
import { useDepartmentTree } from '../../../components/use-department-tree';
import type { ComposeForm } from './build-request';

/** Users / departments / everyone, and how many people that resolves to. */
export function ReceiversField({ value }: { value: Partial<ComposeForm> }) {
  const { t } = useTranslation();
  const { report } = useApiError();
  const departments = useDepartmentTree();
  const [found, setFound] = useState<Map<string, UserRow>>(new Map());
  const [options, setOptions] = useState<UserRow[]>([]);

  const search = async (keyword: string) => {
    try {
      const page = await usersApi.list({ keyword: keyword || undefined, page: 1, pageSize: 20 });
      setOptions(page.records);
      setFound((prev) => new Map([...prev, ...page.records.map((u) => [u.username, u] as const)]));
    } catch (error) {
      report(error);
    }
  };

  const count = useMemo(() => {
    if (value.mode === 'all') return t('messages.receivers.countAll');
    if (value.mode === 'departments') {
      const chosen = new Set(value.toDepartments ?? []);
      if (chosen.size === 0) return null;
      const members = flattenDepartments(departments.tree)
        .filter((d) => chosen.has(d.id))
        .reduce((n, d) => n + d.memberCount, 0);
      return t('messages.receivers.countDepartments', { count: chosen.size, members });
    }
    const chosen = value.toUsers ?? [];
    // Nothing chosen yet: "goes to 0 people" would only be noise.
    if (chosen.length === 0) return null;
    const bound = chosen.filter((u) => found.get(u)?.wechatUserId).length;
    return t('messages.receivers.countUsers', { bound, unbound: chosen.length - bound });
  }, [value, departments.tree, found, t]);

  return (
    <>
      <Form.Item name="mode" label={t('messages.receivers.label')}>
        <Radio.Group
          data-testid="receivers-mode"
          options={(['users', 'departments', 'all'] as const).map((m) => ({
            value: m,
            label: t(`messages.receivers.${m}`),
          }))}
        />
      </Form.Item>
      {value.mode === 'users' && (
        <Form.Item name="toUsers" rules={[{ required: true }]}>
          <Select
            mode="multiple"
            aria-label={`${t('messages.receivers.label')}: ${t('messages.receivers.users')}`}
            data-testid="receivers-users"
            placeholder={t('messages.receivers.usersPlaceholder')}
            showSearch={{ filterOption: false, onSearch: (k) => void search(k) }}
            onFocus={() => void search('')}
            options={options.map((u) => ({
              value: u.username,
              label: (
                <span>
                  {u.realname} ({u.username}){' '}
                  {!u.wechatUserId && <Tag>{t('messages.receivers.unboundTag')}</Tag>}
                </span>
              ),
            }))}
          />
        </Form.Item>
      )}
      {value.mode === 'departments' && (
        <Form.Item name="toDepartments" rules={[{ required: true }]}>
          <TreeSelect
            multiple
            treeCheckable
            showCheckedStrategy={TreeSelect.SHOW_ALL}
            treeData={departments.treeData}
            treeDefaultExpandAll
            placeholder={t('messages.receivers.departmentsPlaceholder')}
            aria-label={`${t('messages.receivers.label')}: ${t('messages.receivers.departments')}`}
          />
        </Form.Item>
      )}
      <Typography.Paragraph type="secondary" data-testid="receivers-count">
        {count}
      </Typography.Paragraph>
    </>
  );
}
