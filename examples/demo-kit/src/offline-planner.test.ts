import { describe, expect, it } from 'vitest';
import { helpText, planToolCalls, summarize } from './offline-planner.ts';

const ALL = ['gmail_fetch_mails', 'gmail_send_email', 'outlook_list_messages', 'slack_send_message', 'slack_list_channels', 'google_calendar_list_events', 'github_list_repos', 'github_list_issues', 'github_create_issue', 'notion_search'];

describe('offline planner', () => {
  it('turns simple requests into tool calls', () => {
    expect(planToolCalls('show my last 5 unread emails', ALL)).toEqual([{ name: 'gmail_fetch_mails', args: { query: 'is:unread', maxResults: 5 } }]);
    expect(planToolCalls('Show me three emails', ALL)).toEqual([{ name: 'gmail_fetch_mails', args: { query: 'in:inbox', maxResults: 3 } }]);
    expect(planToolCalls("post 'hello' to #general", ALL)).toEqual([{ name: 'slack_send_message', args: { channel: '#general', text: 'hello' } }]);
    expect(planToolCalls('send an email to bob@acme.test subject "Hi" saying "see you at 3"', ALL)).toEqual([
      { name: 'gmail_send_email', args: { to: 'bob@acme.test', subject: 'Hi', body: 'see you at 3' } },
    ]);
    expect(planToolCalls('open an issue in acme/platform titled "Flaky CI"', ALL)).toEqual([{ name: 'github_create_issue', args: { owner: 'acme', repo: 'platform', title: 'Flaky CI' } }]);
    expect(planToolCalls('list my repos', ALL)[0]!.name).toBe('github_list_repos');
    expect(planToolCalls('what meetings do I have', ALL)[0]!.name).toBe('google_calendar_list_events');
    expect(planToolCalls('show my 3 unread Outlook mails', ALL)).toEqual([{ name: 'outlook_list_messages', args: { unreadOnly: true, limit: 3 } }]);
  });

  it('uses only available tools and says what it can do otherwise', () => {
    expect(planToolCalls('show my last 5 unread emails', ['slack_send_message'])).toEqual([]);
    expect(planToolCalls('tell me a joke', ALL)).toEqual([]);
    expect(helpText(['gmail_fetch_mails'])).toContain('offline stand-in model');
  });

  it('summarizes results, errors and authorization requests', () => {
    const mails = [{ id: '1', subject: 'Lunch tomorrow?', from: 'Bob <bob@acme.test>', unread: true }];
    expect(summarize([{ name: 'gmail_fetch_mails', output: mails }])).toContain('1. ● Lunch tomorrow? — from Bob');
    expect(summarize([{ name: 'gmail_fetch_mails', output: JSON.stringify({ messages: mails }) }])).toContain('Lunch tomorrow?');
    const auth = summarize([{ name: 'gmail_fetch_mails', output: { error: 'AUTHORIZATION_REQUIRED', status: 'PENDING', authorizationLink: 'http://x/authorize/abc', message: 'Connect Gmail.' } }]);
    expect(auth).toContain('http://x/authorize/abc');
    expect(summarize([{ name: 'slack_send_message', output: { error: 'PROVIDER_API_ERROR', message: 'channel_not_found' } }])).toContain('failed: channel_not_found');
  });
});
