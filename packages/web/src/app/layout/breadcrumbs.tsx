import { HomeOutlined } from '@ant-design/icons';
import { Breadcrumb } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useMatches } from 'react-router-dom';
import { paths } from '../paths';
import { handleOf } from '../route-handle';

/** 首页 › menu group › page, from the matched route's `handle.crumbs`; nothing on the home page. */
export function Breadcrumbs() {
  const { t } = useTranslation();
  const crumbs = useMatches().flatMap((m) => handleOf(m).crumbs ?? []);
  if (crumbs.length === 0) return null;
  const items = [
    {
      title: (
        <Link to={paths.home} aria-label={t('shell.home')}>
          <HomeOutlined />
        </Link>
      ),
    },
    ...crumbs.map((key) => ({ title: t(key) })),
  ];
  return (
    <Breadcrumb
      items={items}
      aria-label={t('shell.breadcrumb')}
      style={{ marginBottom: 16 }}
      data-testid="breadcrumbs"
    />
  );
}
