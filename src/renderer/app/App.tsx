import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import koKR from 'antd/locale/ko_KR';
import dayjs from 'dayjs';
import 'dayjs/locale/ko';
import { useState } from 'react';
import { HashRouter } from 'react-router';
import { AuthGate } from './AuthGate';
import { makeQueryClient } from './queryClient';
import { theme } from './theme';

dayjs.locale('ko');

const FORM_MESSAGES = { required: '${label}을(를) 입력하세요.' };

export function App() {
  const [queryClient] = useState(makeQueryClient);
  return (
    <ConfigProvider locale={koKR} theme={theme} form={{ validateMessages: FORM_MESSAGES }}>
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <HashRouter>
            <AuthGate />
          </HashRouter>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
