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

export function App() {
  const [queryClient] = useState(makeQueryClient);
  return (
    <ConfigProvider locale={koKR} theme={theme}>
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
