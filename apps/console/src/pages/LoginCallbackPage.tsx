import { Alert, Button, Card, Space, Spin } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { useI18n } from '../app/i18n';
import { showProblem } from '../app/problem';
import { useSession } from '../app/session';
import { rememberNext, takeNext, takePendingSignIn } from './oidc-sign-in';

/**
 * Where the agency's identity provider sends the person back (`/login/callback?code&state`): the
 * state must be the one this browser sent; the code goes to the gateway, which signs the person in.
 * Shown again once signed in, it goes on to where the person was going.
 */
export function LoginCallbackPage() {
  const { t } = useI18n();
  const { caller, loginWithIdentityProvider } = useSession();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [failure, setFailure] = useState<string>();
  const started = useRef(false);

  useEffect(() => {
    if (caller || started.current) return;
    started.current = true;
    const pending = takePendingSignIn(params.get('state'), sessionStorage);
    const refusal = params.get('error');
    if (refusal) {
      setFailure(`${t('login.oidcRefused')}: ${params.get('error_description') ?? refusal}`);
      return;
    }
    const code = params.get('code');
    if (!pending || !code) {
      setFailure(t('login.oidcStateMismatch'));
      return;
    }
    rememberNext(pending.next, sessionStorage);
    loginWithIdentityProvider({ code, codeVerifier: pending.codeVerifier, redirectUri: pending.redirectUri, nonce: pending.nonce }).catch((error: unknown) => setFailure(showProblem(undefined, error)));
  }, [caller, params, loginWithIdentityProvider, t]);

  if (caller) return <Navigate to={takeNext(sessionStorage)} replace />;
  return (
    <div style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', background: '#f3f5f9', padding: 16 }}>
      <Card style={{ width: '100%', maxWidth: 400 }}>
        {failure ? (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Alert type="error" showIcon role="alert" message={t('login.oidcFailed')} description={failure} />
            <Button type="primary" block onClick={() => void navigate('/login', { replace: true })}>
              {t('login.backToLogin')}
            </Button>
          </Space>
        ) : (
          <Spin tip={t('login.oidcSigningIn')}>
            <div style={{ height: 80 }} />
          </Spin>
        )}
      </Card>
    </div>
  );
}
