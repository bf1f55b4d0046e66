import { createContext, useContext, useSyncExternalStore, type ReactNode } from 'react';
import type { UploadItem, UploadManager } from './upload-manager.js';

const UploadsContext = createContext<UploadManager | undefined>(undefined);

export function UploadsProvider({ manager, children }: { manager: UploadManager; children: ReactNode }) {
  return <UploadsContext.Provider value={manager}>{children}</UploadsContext.Provider>;
}

export function useUploadManager(): UploadManager {
  const manager = useContext(UploadsContext);
  if (!manager) throw new Error('useUploadManager needs an UploadsProvider above it');
  return manager;
}

export function useUploads(): readonly UploadItem[] {
  const manager = useUploadManager();
  return useSyncExternalStore(manager.subscribe, manager.getItems);
}
