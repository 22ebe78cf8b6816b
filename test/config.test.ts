import { describe, expect, it } from 'vitest';
import { formatConfigProblems, loadConfig } from '../src/config.js';

describe('loadConfig', () => {
  it('runs in local mode with nothing set', () => {
    const result = loadConfig({});
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.mode).toBe('local');
    expect(result.config.http).toEqual({ port: 3000, host: '127.0.0.1', localModeExposed: false });
    expect(result.config.scheduler.intervalMs).toBe(5_000);
    expect(result.config.seedDemoDirectory).toBe(true);
    expect(result.config.gettingStartedUrl).toMatch(/^https:\/\/help\.webex\.com\/en-us\/article\/nee1mb6\//);
  });

  it('takes the getting-started guide the success card links to', () => {
    const result = loadConfig({ GETTING_STARTED_URL: 'https://intranet.example.com/wxcc/start' });
    expect(result.ok && result.config.gettingStartedUrl).toBe('https://intranet.example.com/wxcc/start');
  });

  it('needs a public URL, a webhook secret and an API token with a real Webex token, and says so all at once', () => {
    const result = loadConfig({ WEBEX_ACCESS_TOKEN: 'abc' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.variable).sort()).toEqual([
      'ORDERS_API_TOKEN',
      'PUBLIC_URL',
      'WEBEX_WEBHOOK_SECRET',
    ]);
  });

  it('accepts a full production set-up', () => {
    const result = loadConfig({
      WEBEX_ACCESS_TOKEN: 'abc',
      PUBLIC_URL: 'https://bot.example.com/',
      WEBEX_WEBHOOK_SECRET: 'x'.repeat(32),
      ORDERS_API_TOKEN: 'y'.repeat(32),
      MONGODB_URI: 'mongodb+srv://u:p@cluster.example.net/',
      ADMIN_EMAILS: ' Ops@Example.com , lead@example.com',
      PORT: '8080',
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.mode).toBe('webex');
    expect(result.config.webex.publicUrl).toBe('https://bot.example.com');
    expect(result.config.http.host).toBe('0.0.0.0');
    expect(result.config.admins.emails).toEqual(['ops@example.com', 'lead@example.com']);
    expect(result.config.seedDemoDirectory).toBe(false);
  });

  it.each([
    ['PORT', 'eighty', 'must be a whole number'],
    ['PORT', '70000', 'at most 65535'],
    ['LOG_LEVEL', 'loud', 'Invalid option'],
    ['MONGODB_URI', 'postgres://x', 'mongodb://'],
    ['PUBLIC_URL', 'not a url', 'absolute URL'],
    ['WEBEX_WEBHOOK_SECRET', 'short', 'at least 16'],
    ['DEFAULT_TIME_ZONE', 'Mars/Olympus', 'IANA time zone'],
    ['DEFAULT_LOCALE', 'de', 'en or hr'],
    ['SCHEDULER_INTERVAL_MS', '5', 'at least 100'],
    ['ADMIN_EMAILS', 'ops@example.com,nobody', 'email'],
    ['HANDOFF_SAME_DOMAIN', 'maybe', 'true or false'],
    ['PROVISIONING_WEBHOOK_SECRET', 'short', 'at least 16'],
    ['GETTING_STARTED_URL', 'help.webex.com/article', 'absolute URL'],
    ['GETTING_STARTED_URL', 'ftp://files.example.com/guide', 'http:// or https://'],
  ])('rejects %s=%s, naming the variable', (variable, value, message) => {
    const result = loadConfig({ [variable]: value });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const problem = result.problems.find((p) => p.variable === variable);
    expect(problem?.problem).toContain(message);
  });

  it('lists every problem with an example, in one message', () => {
    const result = loadConfig({
      PORT: 'x',
      LOG_LEVEL: 'loud',
      PROVISIONING_WEBHOOK_URL: 'https://hooks.example.com',
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const text = formatConfigProblems(result.problems);
    expect(text).toContain('PORT');
    expect(text).toContain('LOG_LEVEL');
    expect(text).toContain('(for example 3000)');
  });

  it('takes an empty variable as not set', () => {
    const result = loadConfig({ PORT: '', LOG_LEVEL: ' ', WEBEX_ACCESS_TOKEN: '' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.http.port).toBe(3000);
    expect(result.config.mode).toBe('local');
  });

  it('needs the signing secret when a provisioning webhook is set', () => {
    const result = loadConfig({ PROVISIONING_WEBHOOK_URL: 'https://hooks.example.com/x' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems[0]?.variable).toBe('PROVISIONING_WEBHOOK_SECRET');
  });
});
