import { PostgresAdapter, sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * One migration set for SQLite and PostgreSQL: only types both understand (text, bigint,
 * integer), JSON kept as text, times as epoch milliseconds. Append new migrations; never edit one
 * that has shipped.
 */
export const migrations: Record<string, Migration> = {
  '0001_initial': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('onbehalf_connections')
        .ifNotExists()
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull().unique())
        .addColumn('provider', 'text', (c) => c.notNull())
        .addColumn('client_id', 'text')
        .addColumn('client_secret', 'text')
        .addColumn('client_secret_key_id', 'text')
        .addColumn('scopes', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('authorization_params', 'text', (c) => c.notNull().defaultTo('{}'))
        .addColumn('settings', 'text', (c) => c.notNull().defaultTo('{}'))
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('onbehalf_accounts')
        .ifNotExists()
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('connection_name', 'text', (c) => c.notNull())
        .addColumn('identifier', 'text', (c) => c.notNull())
        .addColumn('identifier_type', 'text', (c) => c.notNull().defaultTo('user_id'))
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('status_reason', 'text')
        .addColumn('suspended_from', 'text')
        .addColumn('scopes', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('expires_at', 'bigint')
        .addColumn('credentials', 'text')
        .addColumn('credentials_key_id', 'text')
        .addColumn('metadata', 'text', (c) => c.notNull().defaultTo('{}'))
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('lease_owner', 'text')
        .addColumn('lease_expires_at', 'bigint')
        .addColumn('refresh_failures', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('next_refresh_at', 'bigint')
        .addColumn('last_refreshed_at', 'bigint')
        .addColumn('authorized_at', 'bigint')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addUniqueConstraint('onbehalf_accounts_connection_identifier_unique', ['connection_name', 'identifier'])
        .execute();
      await db.schema.createIndex('onbehalf_accounts_identifier_idx').ifNotExists().on('onbehalf_accounts').columns(['identifier', 'id']).execute();
      await db.schema.createIndex('onbehalf_accounts_status_expiry_idx').ifNotExists().on('onbehalf_accounts').columns(['status', 'expires_at']).execute();
      await db.schema.createIndex('onbehalf_accounts_key_idx').ifNotExists().on('onbehalf_accounts').columns(['credentials_key_id']).execute();

      await db.schema
        .createTable('onbehalf_authorization_links')
        .ifNotExists()
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('account_id', 'text', (c) => c.notNull())
        .addColumn('connection_name', 'text', (c) => c.notNull())
        .addColumn('identifier', 'text', (c) => c.notNull())
        .addColumn('return_to', 'text')
        .addColumn('scopes', 'text')
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .addColumn('used_at', 'bigint')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('onbehalf_links_account_idx').ifNotExists().on('onbehalf_authorization_links').column('account_id').execute();

      await db.schema
        .createTable('onbehalf_oauth_transactions')
        .ifNotExists()
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('state_hash', 'text', (c) => c.notNull().unique())
        .addColumn('account_id', 'text', (c) => c.notNull())
        .addColumn('link_id', 'text')
        .addColumn('connection_name', 'text', (c) => c.notNull())
        .addColumn('code_verifier', 'text')
        .addColumn('code_verifier_key_id', 'text')
        .addColumn('nonce', 'text')
        .addColumn('redirect_uri', 'text', (c) => c.notNull())
        .addColumn('return_to', 'text')
        .addColumn('scopes', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .addColumn('used_at', 'bigint')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('onbehalf_audit_events')
        .ifNotExists()
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('account_id', 'text')
        .addColumn('connection_name', 'text')
        .addColumn('identifier', 'text')
        .addColumn('data', 'text', (c) => c.notNull().defaultTo('{}'))
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('onbehalf_audit_account_idx').ifNotExists().on('onbehalf_audit_events').columns(['account_id', 'created_at']).execute();
    },
  },
  '0002_account_values': {
    async up(db: Kysely<any>) {
      // Per-account values (a Zendesk subdomain given before consent, a Salesforce instance host
      // captured after it) and the pre-consent fields a link or transaction carries until then.
      await db.schema.alterTable('onbehalf_accounts').addColumn('account_values', 'text', (c) => c.notNull().defaultTo('{}')).execute();
      await db.schema.alterTable('onbehalf_authorization_links').addColumn('fields', 'text').execute();
      await db.schema.alterTable('onbehalf_oauth_transactions').addColumn('fields', 'text').execute();
    },
  },
  '0003_account_alias_identity': {
    async up(db: Kysely<any>) {
      // Several accounts per (connection, identifier), told apart by an alias. A non-null column
      // with a default keeps the unique key a plain three-column index on both databases (a NULL
      // alias would never collide under UNIQUE), and every existing row becomes the 'default' one.
      // The provider's own identity (subject, email/login) is stored beside it, never a token.
      const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
      if (postgres) {
        await db.schema.alterTable('onbehalf_accounts').addColumn('alias', 'text', (c) => c.notNull().defaultTo('default')).execute();
        await db.schema.alterTable('onbehalf_accounts').addColumn('identity_subject', 'text').execute();
        await db.schema.alterTable('onbehalf_accounts').addColumn('identity_display', 'text').execute();
        await db.schema.alterTable('onbehalf_accounts').dropConstraint('onbehalf_accounts_connection_identifier_unique').execute();
      } else {
        // SQLite cannot drop a table constraint: the documented way is to rebuild the table
        // (https://www.sqlite.org/lang_altertable.html#otheralter) and copy the rows across.
        await db.schema
          .createTable('onbehalf_accounts_0003')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('connection_name', 'text', (c) => c.notNull())
          .addColumn('identifier', 'text', (c) => c.notNull())
          .addColumn('identifier_type', 'text', (c) => c.notNull().defaultTo('user_id'))
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('status_reason', 'text')
          .addColumn('suspended_from', 'text')
          .addColumn('scopes', 'text', (c) => c.notNull().defaultTo('[]'))
          .addColumn('expires_at', 'bigint')
          .addColumn('credentials', 'text')
          .addColumn('credentials_key_id', 'text')
          .addColumn('metadata', 'text', (c) => c.notNull().defaultTo('{}'))
          .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('lease_owner', 'text')
          .addColumn('lease_expires_at', 'bigint')
          .addColumn('refresh_failures', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('next_refresh_at', 'bigint')
          .addColumn('last_refreshed_at', 'bigint')
          .addColumn('authorized_at', 'bigint')
          .addColumn('created_at', 'bigint', (c) => c.notNull())
          .addColumn('updated_at', 'bigint', (c) => c.notNull())
          .addColumn('account_values', 'text', (c) => c.notNull().defaultTo('{}'))
          .addColumn('alias', 'text', (c) => c.notNull().defaultTo('default'))
          .addColumn('identity_subject', 'text')
          .addColumn('identity_display', 'text')
          .execute();
        const copied = sql.raw([
          'id', 'connection_name', 'identifier', 'identifier_type', 'status', 'status_reason', 'suspended_from', 'scopes', 'expires_at', 'credentials',
          'credentials_key_id', 'metadata', 'version', 'lease_owner', 'lease_expires_at', 'refresh_failures', 'next_refresh_at', 'last_refreshed_at',
          'authorized_at', 'created_at', 'updated_at', 'account_values',
        ].join(', '));
        await sql`insert into onbehalf_accounts_0003 (${copied}) select ${copied} from onbehalf_accounts`.execute(db);
        await db.schema.dropTable('onbehalf_accounts').execute();
        await db.schema.alterTable('onbehalf_accounts_0003').renameTo('onbehalf_accounts').execute();
        await db.schema.createIndex('onbehalf_accounts_identifier_idx').ifNotExists().on('onbehalf_accounts').columns(['identifier', 'id']).execute();
        await db.schema.createIndex('onbehalf_accounts_status_expiry_idx').ifNotExists().on('onbehalf_accounts').columns(['status', 'expires_at']).execute();
        await db.schema.createIndex('onbehalf_accounts_key_idx').ifNotExists().on('onbehalf_accounts').columns(['credentials_key_id']).execute();
      }
      await db.schema.createIndex('onbehalf_accounts_key_alias_unique').unique().on('onbehalf_accounts').columns(['connection_name', 'identifier', 'alias']).execute();
      // What a link may do when consent brings back another provider identity than the account's.
      await db.schema.alterTable('onbehalf_authorization_links').addColumn('replace_identity', 'integer', (c) => c.notNull().defaultTo(0)).execute();
    },
  },
  '0004_webhooks_usage': {
    async up(db: Kysely<any>) {
      // The webhook outbox: a message per endpoint, written in the transaction of the change it
      // reports; the claim reads pending rows by due time.
      await db.schema
        .createTable('onbehalf_webhook_outbox')
        .ifNotExists()
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('endpoint', 'text', (c) => c.notNull())
        .addColumn('event_type', 'text', (c) => c.notNull())
        .addColumn('payload', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull().defaultTo('pending'))
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('next_attempt_at', 'bigint', (c) => c.notNull())
        .addColumn('lease_owner', 'text')
        .addColumn('lease_expires_at', 'bigint')
        .addColumn('last_error', 'text')
        .addColumn('delivered_at', 'bigint')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('onbehalf_webhook_outbox_pk', ['id', 'endpoint'])
        .execute();
      await db.schema.createIndex('onbehalf_outbox_due_idx').ifNotExists().on('onbehalf_webhook_outbox').columns(['state', 'next_attempt_at']).execute();
      // Per-account settings, on the row every token read and the refresher's claim already read.
      await db.schema.alterTable('onbehalf_accounts').addColumn('auto_refresh', 'integer', (c) => c.notNull().defaultTo(1)).execute();
      await db.schema.alterTable('onbehalf_accounts').addColumn('request_timeout_ms', 'integer').execute();
      await db.schema.alterTable('onbehalf_accounts').addColumn('max_retries', 'integer').execute();
      // health() and usage() read one account's rows of a few types in a time range. The tool and
      // whether the row records a failure are columns of their own (also kept in `data`), so that
      // the index below covers those queries: they read only index pages, and only that account's
      // rows of that type in that range, however large the audit table grows.
      await db.schema.alterTable('onbehalf_audit_events').addColumn('tool', 'text').execute();
      await db.schema.alterTable('onbehalf_audit_events').addColumn('failed', 'integer', (c) => c.notNull().defaultTo(0)).execute();
      const tool = db.getExecutor().adapter instanceof PostgresAdapter ? sql`(data::jsonb ->> 'tool')` : sql`json_extract(data, '$.tool')`;
      await sql`update onbehalf_audit_events set tool = ${tool}, failed = case when data like ${'%"outcome":"error"%'} then 1 else 0 end where type = 'tool.executed'`.execute(db);
      await db.schema.createIndex('onbehalf_audit_account_type_idx').ifNotExists().on('onbehalf_audit_events').columns(['account_id', 'type', 'created_at', 'failed', 'tool']).execute();
    },
  },
};
