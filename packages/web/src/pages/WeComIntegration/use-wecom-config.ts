import { useCallback, useEffect, useState } from 'react';
import {
  thirdAppApi,
  type NewThirdAppConfig,
  type ThirdAppConfig,
  type ThirdAppConfigChanges,
} from '../../api/third-app';
import { useApiError } from '../../components/use-api-error';

/** The tenant's WeCom configuration: loaded once, replaced by whatever the server answers. */
export function useWeComConfig() {
  const { report } = useApiError();
  const [config, setConfig] = useState<ThirdAppConfig | null>(null);
  const [loading, setLoading] = useState(true);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setConfig(await thirdAppApi.get());
    } catch (error) {
      report(error);
    } finally {
      setLoading(false);
    }
  }, [report]);

  useEffect(() => {
    void load();
  }, [load]);

  return {
    config,
    loading,
    reload: load,
    /** Throws so the form can show the failure next to its field. */
    async save(values: NewThirdAppConfig | ThirdAppConfigChanges) {
      const saved = config
        ? await thirdAppApi.update(values)
        : await thirdAppApi.create(values as NewThirdAppConfig);
      setConfig(saved);
      return saved;
    },
    async setEnabled(enabled: boolean) {
      setConfig(await thirdAppApi.update({ enabled }));
    },
    async remove() {
      await thirdAppApi.remove();
      setConfig(null);
    },
  };
}
export type WeComConfigState = ReturnType<typeof useWeComConfig>;
