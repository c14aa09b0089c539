/** A Slack message timestamp (`1733130000.000100`): seconds and a sequence, which is also the message's id. */
export const SLACK_TS = /^\d{9,11}\.\d{1,6}$/;
