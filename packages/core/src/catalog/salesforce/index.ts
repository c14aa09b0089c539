import { defineToolkit } from '../../tools/index.ts';
import { salesforce } from './provider.ts';
import { salesforceApiErrorInfo } from './salesforce-api-error.ts';
import { salesforceCreateRecord } from './tools/salesforce-create-record.ts';
import { salesforceDescribeObject } from './tools/salesforce-describe-object.ts';
import { salesforceGetRecord } from './tools/salesforce-get-record.ts';
import { salesforceQuery } from './tools/salesforce-query.ts';
import { salesforceUpdateRecord } from './tools/salesforce-update-record.ts';

export { salesforce } from './provider.ts';

export const salesforceToolkit = defineToolkit({
  provider: salesforce,
  tools: [salesforceQuery, salesforceGetRecord, salesforceCreateRecord, salesforceUpdateRecord, salesforceDescribeObject],
  parseError: salesforceApiErrorInfo,
});
