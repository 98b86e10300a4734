'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useMutation } from 'urql';
import { graphql } from '@/gql';
import { useI18n } from '@/lib/i18n';
import { useAuth } from '@/lib/providers';
import { SESSION_HEADERS } from '@/lib/session';
import { ErrorMessage } from './ErrorMessage';

const SignUpPerson = graphql(`
  mutation SignUpPerson($input: SignUpInput!) {
    signUp(input: $input) {
      ...AuthPayloadFields
    }
  }
`);

const LogInPerson = graphql(`
  mutation LogInPerson($input: LogInInput!) {
    logIn(input: $input) {
      ...AuthPayloadFields
    }
  }
`);

/** The refresh token goes into an HttpOnly cookie, never into this page's JavaScript. */
const SESSION_COOKIE = { fetchOptions: { headers: SESSION_HEADERS } };

export function AccountPage() {
  const { t, rich } = useI18n();
  const { user, accept, logOut } = useAuth();
  const router = useRouter();
  const [mode, setMode] = useState<'logIn' | 'signUp'>('logIn');
  const [signUpState, signUp] = useMutation(SignUpPerson);
  const [logInState, logIn] = useMutation(LogInPerson);

  if (user) {
    return (
      <>
        <h1>{t('nav.account')}</h1>
        <p>{rich('auth.signedInAs', { name: <Link href={`/users/${user.username}`}>{user.username}</Link> })}</p>
        <button type="button" onClick={logOut}>
          {t('auth.logOut')}
        </button>
      </>
    );
  }

  const submit = async (form: FormData) => {
    const field = (name: string) => String(form.get(name) ?? '');
    if (mode === 'signUp') {
      const result = await signUp({ input: { email: field('email'), username: field('username'), password: field('password'), displayName: field('displayName') || undefined } }, SESSION_COOKIE);
      if (result.data) {
        accept(result.data.signUp);
        router.push('/community');
      }
    } else {
      const result = await logIn({ input: { login: field('login'), password: field('password') } }, SESSION_COOKIE);
      if (result.data) {
        accept(result.data.logIn);
        router.push('/community');
      }
    }
  };
  const busy = signUpState.fetching || logInState.fetching;

  return (
    <>
      <h1>{mode === 'signUp' ? t('auth.signUp') : t('auth.logIn')}</h1>
      <form
        className="panel"
        style={{ maxWidth: 480 }}
        onSubmit={(event) => {
          event.preventDefault();
          void submit(new FormData(event.currentTarget));
        }}
      >
        {mode === 'signUp' ? (
          <>
            <p>
              <label htmlFor="email">{t('auth.email')}</label>
              <input id="email" name="email" type="email" autoComplete="email" required />
            </p>
            <p>
              <label htmlFor="username">{t('auth.username')}</label>
              <input id="username" name="username" autoComplete="username" required />
            </p>
            <p>
              <label htmlFor="displayName">{t('auth.displayName')}</label>
              <input id="displayName" name="displayName" autoComplete="nickname" />
            </p>
          </>
        ) : (
          <p>
            <label htmlFor="login">{t('auth.login')}</label>
            <input id="login" name="login" autoComplete="username" required />
          </p>
        )}
        <p>
          <label htmlFor="password">{t('auth.password')}</label>
          <input
            id="password"
            name="password"
            type="password"
            autoComplete={mode === 'signUp' ? 'new-password' : 'current-password'}
            required
            aria-describedby={mode === 'signUp' ? 'password-rule' : undefined}
          />
          {mode === 'signUp' ? (
            <small id="password-rule" className="muted">
              {t('auth.passwordRule')}
            </small>
          ) : null}
        </p>
        <button type="submit" disabled={busy}>
          {busy ? t('common.loading') : mode === 'signUp' ? t('auth.signUp') : t('auth.logIn')}
        </button>
        <ErrorMessage error={mode === 'signUp' ? signUpState.error : logInState.error} />
      </form>
      <p>
        {mode === 'signUp' ? t('auth.haveAccount') : t('auth.noAccount')}{' '}
        <button type="button" className="link-button" onClick={() => setMode(mode === 'signUp' ? 'logIn' : 'signUp')}>
          {mode === 'signUp' ? t('auth.logIn') : t('auth.signUp')}
        </button>
      </p>
    </>
  );
}
