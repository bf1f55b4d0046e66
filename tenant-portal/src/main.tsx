import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { TRPCProvider } from './api/trpc.js';
import { App } from './app.js';
import { createPortalServices } from './portal-services.js';
import { SessionProvider } from './session/session-context.js';
import { ToastProvider } from './toast/toasts.js';
import { UploadsProvider } from './upload/uploads-context.js';
import './styles.css';

const services = createPortalServices();
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={services.queryClient}>
      <TRPCProvider trpcClient={services.api} queryClient={services.queryClient}>
        <SessionProvider store={services.sessions}>
          <UploadsProvider manager={services.uploads}>
            <ToastProvider>
              <App />
            </ToastProvider>
          </UploadsProvider>
        </SessionProvider>
      </TRPCProvider>
    </QueryClientProvider>
  </StrictMode>,
);
