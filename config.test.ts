import { describe, expect, it } from 'vitest';
import { completeDevelopmentTokens, ConfigError, loadConfig, parseTokens } from './config.js';

describe('configuration', () => {
  it('runs on embedded defaults when nothing is set', () => {
    const config = loadConfig({}, '/srv/cipdesk');
    expect(config.databaseUrl).toBeUndefined();
    expect(config.dataDir).toBe('/srv/cipdesk/.data');
    expect(config.temporal).toEqual({ address: '127.0.0.1:7233', external: false, namespace: 'default', taskQueue: 'cipdesk', uiPort: 8233 });
    expect(config.api).toEqual({ host: '127.0.0.1', port: 3000 });
    expect(config.providerTimeZone).toBe('America/New_York');
    expect(config.tokens).toEqual([]);
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ CIPDESK_PG_PORT: '0' }, 'CIPDESK_PG_PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ CIPDESK_PROVIDER_TIME_ZONE: 'Mars/Olympus' }, 'CIPDESK_PROVIDER_TIME_ZONE'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ TEMPORAL_NAMESPACE: '  ' }, 'TEMPORAL_NAMESPACE'],
    [{ CIPDESK_API_TOKENS: 'alice:janitor:0123456789abcdef' }, 'CIPDESK_API_TOKENS'],
  ])('names the variable at fault: %o', (env, variable) => {
    try {
      loadConfig(env);
      expect.unreachable('loadConfig accepted a bad value');
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as ConfigError).variable).toBe(variable);
      expect((err as Error).message.startsWith(`${variable}: `)).toBe(true);
    }
  });

  it('runs the dev server on CIPDESK_TEMPORAL_PORT unless TEMPORAL_ADDRESS names a server', () => {
    expect(loadConfig({ CIPDESK_TEMPORAL_PORT: '17233' }).temporal).toMatchObject({ address: '127.0.0.1:17233', external: false });
    expect(loadConfig({ TEMPORAL_ADDRESS: 'temporal:7233' }).temporal).toMatchObject({ address: 'temporal:7233', external: true });
  });

  it('parses subject:role:token entries', () => {
    expect(parseTokens('alice:case_handler:0123456789abcdef, bob:reviewer:fedcba9876543210')).toEqual([
      { subject: 'alice', role: 'case_handler', token: '0123456789abcdef' },
      { subject: 'bob', role: 'reviewer', token: 'fedcba9876543210' },
    ]);
  });

  it('refuses short, malformed and duplicated tokens', () => {
    expect(() => parseTokens('alice:admin:short')).toThrow(/at least 16/);
    expect(() => parseTokens('alice:admin')).toThrow(/subject:role:token/);
    expect(() => parseTokens('a:admin:0123456789abcdef,b:legal:0123456789abcdef')).toThrow(/used twice/);
  });

  it('refuses a person who would both prepare and approve (segregation of duties)', () => {
    expect(() => parseTokens('alice:case_handler:0123456789abcdef,alice:reviewer:fedcba9876543210')).toThrow(
      /CIPDESK_API_TOKENS: alice would both prepare and approve/,
    );
    expect(() => parseTokens('alice:admin:0123456789abcdef,alice:reviewer:fedcba9876543210')).toThrow(/alice would both prepare and approve/);
    // Legal and a reviewer, or two handler tokens, are no conflict.
    expect(parseTokens('alice:legal:0123456789abcdef,alice:reviewer:fedcba9876543210,bob:case_handler:aaaaaaaaaaaaaaaa,bob:case_handler:bbbbbbbbbbbbbbbb')).toHaveLength(4);
  });

  it('gives npm start a token per role and two reviewers, and completes a token set kept from an older start', () => {
    let n = 0;
    const secret = () => `dev_secret_${String(++n).padStart(8, '0')}`;
    const fresh = completeDevelopmentTokens([], secret);
    expect(fresh.tokens.map((t) => `${t.role}:${t.subject}`)).toEqual([
      'case_handler:dev-case-handler',
      'reviewer:dev-reviewer',
      'legal:dev-legal',
      'admin:dev-admin',
      'scheduler:dev-scheduler',
      'reviewer:dev-reviewer-2',
    ]);
    expect(new Set(fresh.tokens.map((t) => t.token)).size).toBe(6);
    // The token set is valid configuration: no person holds both duties.
    expect(parseTokens(fresh.tokens.map((t) => `${t.subject}:${t.role}:${t.token}`).join(','))).toHaveLength(6);
    const older = fresh.tokens.slice(0, 5);
    const completed = completeDevelopmentTokens(older, secret);
    expect(completed.tokens.slice(0, 5)).toEqual(older);
    expect(completed.added).toEqual([{ subject: 'dev-reviewer-2', role: 'reviewer', token: 'dev_secret_00000007' }]);
    expect(completeDevelopmentTokens(completed.tokens, secret).added).toEqual([]);
  });

  it('reads the notification settings: desk links, SMTP and recipients, refusing bad values by name', () => {
    expect(loadConfig({ PORT: '34000' }).notifications).toEqual({
      publicUrl: 'http://127.0.0.1:34000',
      smtpUrl: undefined,
      mailFrom: 'cipdesk <cipdesk@localhost>',
      handlerEmails: {},
      teamEmail: undefined,
    });
    const set = loadConfig({
      CIPDESK_PUBLIC_URL: 'https://desk.example.com',
      SMTP_URL: 'smtp://mail.example.com:25',
      CIPDESK_HANDLER_EMAILS: 'hana.handler=hana@example.com, rita.reviewer=rita@example.com',
      CIPDESK_TEAM_EMAIL: 'team@example.com',
    }).notifications;
    expect(set).toMatchObject({
      publicUrl: 'https://desk.example.com',
      smtpUrl: 'smtp://mail.example.com:25',
      handlerEmails: { 'hana.handler': 'hana@example.com', 'rita.reviewer': 'rita@example.com' },
      teamEmail: 'team@example.com',
    });
    expect(() => loadConfig({ SMTP_URL: 'mail.example.com' })).toThrow(/^SMTP_URL: /);
    expect(() => loadConfig({ CIPDESK_HANDLER_EMAILS: 'hana.handler' })).toThrow(/^CIPDESK_HANDLER_EMAILS: /);
    expect(() => loadConfig({ CIPDESK_TEAM_EMAIL: 'not an address' })).toThrow(/^CIPDESK_TEAM_EMAIL: /);
    expect(() => loadConfig({ CIPDESK_PUBLIC_URL: 'desk.example.com' })).toThrow(/^CIPDESK_PUBLIC_URL: /);
  });
});
