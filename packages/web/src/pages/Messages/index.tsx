import { Tabs } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageCard } from '../../components/page-card';
import { Composer } from './components/composer';
import { MessageLog } from './components/message-log';

/** 企业微信消息: compose and send, then follow each message in the log. */
export function MessagesPage() {
  const { t } = useTranslation();
  const [tab, setTab] = useState('compose');
  // Bumped after a send so the log reloads when it is shown next.
  const [version, setVersion] = useState(0);
  return (
    <PageCard
      testId="messages-page"
      title={t('messages.title')}
      description={t('messages.description')}
    >
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          {
            key: 'compose',
            label: t('messages.tabs.compose'),
            children: (
              <Composer
                onSent={() => {
                  setVersion((v) => v + 1);
                  setTab('log');
                }}
              />
            ),
          },
          { key: 'log', label: t('messages.tabs.log'), children: <MessageLog version={version} /> },
        ]}
      />
    </PageCard>
  );
}
