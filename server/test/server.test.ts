/**
 * The reference server's own guarantees, on the embedded PGlite and on a real PostgreSQL:
 * an audit trail that cannot be forged, edited or flooded, one transaction per change, the
 * security of every request, and 503 while PostgreSQL is down. (What any backend must do is
 * checked by the conformance suite, in conformance.test.ts.)
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { verifyChain, type Database, type Queryable } from '../index.js';
import type { ConsentVerifier } from '../verifier.js';
import { OTHER_TENANT, TENANT, app, as, pglite, postgres, type Backend } from './helpers.js';

const backends: Backend[] = [pglite, await postgres()];

/** A clock the test moves by hand. */
function clock(start = '2026-03-01T10:00:00.000Z') {
  let now = Date.parse(start);
  return {
    now: () => new Date(now),
    advance(ms: number) {
      now += ms;
    },
    set(iso: string) {
      now = Date.parse(iso);
    },
  };
}

/** Runs SQL as the database owner, with the append-only trigger off: a tamperer's view. */
async function behindTheServersBack(db: Database, sql: string, params: unknown[]) {
  await db.transaction(async (tx) => {
    await tx.query('ALTER TABLE audit_events DISABLE TRIGGER USER');
    await tx.query(sql, params);
    await tx.query('ALTER TABLE audit_events ENABLE TRIGGER USER');
  });
}

const rejected = (id: string) => ({
  id,
  action: 'consent-rejected',
  outcome: 'failure',
  tenantType: 'standard',
  error: 'state-mismatch',
});

for (const backend of backends) {
  describe(`reference server on ${backend.name}`, () => {
    let db: Database;
    before(async () => {
      db = await backend.open();
    });
    after(() => db.close());

    describe('the audit trail', () => {
      it('records every change in the same transaction, with the session’s actor and the server’s clock', async () => {
        const time = clock();
        const admin = as(app(db, { now: time.now }), undefined, 'alice@contoso.example');
        await admin.connect();
        time.advance(1000);
        const edited = await admin.put(
          '/connection',
          {
            tenantType: 'standard',
            tenantId: TENANT,
            enrollmentUrl: 'https://mdm.contoso.example/e',
          },
          { 'If-Match': '"1"' },
        );
        assert.equal(edited.status, 200);
        time.advance(1000);
        assert.equal((await admin.delete('/connection')).status, 204);
        const { events } = (await admin.get('/audit')).body;
        assert.deepEqual(
          events.map((e: { action: string; actor: string; at: string; seq: number }) => [
            e.seq,
            e.action,
            e.actor,
            e.at,
          ]),
          [
            [4, 'disconnect', 'alice@contoso.example', '2026-03-01T10:00:02.000Z'],
            [3, 'edit', 'alice@contoso.example', '2026-03-01T10:00:01.000Z'],
            [2, 'connect', 'alice@contoso.example', '2026-03-01T10:00:00.000Z'],
            [1, 'verify-consent', 'alice@contoso.example', '2026-03-01T10:00:00.000Z'],
          ],
        );
        assert.deepEqual(events[1].changes, ['enrollmentUrl']);
      });

      it('keeps time in chain order when the clock goes back', async () => {
        const time = clock('2026-03-01T12:00:00.000Z');
        const admin = as(app(db, { now: time.now }));
        await admin.connect();
        time.set('2026-03-01T11:00:00.000Z');
        assert.equal((await admin.delete('/connection')).status, 204);
        const { events } = (await admin.get('/audit')).body;
        assert.equal(events[0].action, 'disconnect');
        assert.equal(events[0].at, '2026-03-01T12:00:00.000Z');
      });

      it('refuses UPDATE, DELETE and TRUNCATE of audit rows in the database itself', async () => {
        const admin = as(app(db));
        await admin.connect();
        for (const sql of [
          "UPDATE audit_events SET actor = 'mallory' WHERE console_id = $1",
          'DELETE FROM audit_events WHERE console_id = $1',
        ]) {
          await assert.rejects(db.query(sql, [admin.consoleId]), (error: Error) => {
            assert.match(error.message, /append-only/);
            return true;
          });
        }
        await assert.rejects(db.exec('TRUNCATE audit_events CASCADE'), /append-only/);
        assert.equal((await admin.get('/audit')).body.events.length, 2);
      });

      it('verifies an intact chain, and names the first broken link after an edit behind the server’s back', async () => {
        const admin = as(app(db));
        await admin.connect();
        await admin.put(
          '/connection',
          {
            tenantType: 'standard',
            tenantId: TENANT,
            remediationUrl: 'https://r.contoso.example/',
          },
          { 'If-Match': '"1"' },
        );
        await admin.delete('/connection');
        const intact = await verifyChain(db, admin.consoleId);
        assert.equal(intact.ok, true);
        assert.equal(intact.events, 4);
        await behindTheServersBack(
          db,
          "UPDATE audit_events SET actor = 'someone-else@contoso.example' WHERE console_id = $1 AND seq = 3",
          [admin.consoleId],
        );
        const broken = await verifyChain(db, admin.consoleId);
        assert.equal(broken.ok, false);
        assert.equal(broken.ok ? 0 : broken.seq, 3);
        assert.match(broken.ok ? '' : broken.reason, /content was changed/);
      });

      it('catches a deleted event, a swapped hash and events cut from the end', async () => {
        const make = async () => {
          const admin = as(app(db));
          await admin.connect();
          await admin.delete('/connection');
          return admin.consoleId;
        };
        const middle = await make();
        await behindTheServersBack(
          db,
          'DELETE FROM audit_events WHERE console_id = $1 AND seq = 2',
          [middle],
        );
        const gap = await verifyChain(db, middle);
        assert.deepEqual(gap.ok ? null : [gap.seq, /missing/.test(gap.reason)], [2, true]);

        const relinked = await make();
        await behindTheServersBack(
          db,
          `UPDATE audit_events SET prev_hash = repeat('0', 64) WHERE console_id = $1 AND seq = 3`,
          [relinked],
        );
        const link = await verifyChain(db, relinked);
        assert.deepEqual(link.ok ? null : [link.seq, /does not link/.test(link.reason)], [3, true]);

        const tail = await make();
        await behindTheServersBack(
          db,
          'DELETE FROM audit_events WHERE console_id = $1 AND seq = 3',
          [tail],
        );
        const cut = await verifyChain(db, tail);
        assert.deepEqual(cut.ok ? null : [cut.seq, /removed from the end/.test(cut.reason)], [
          3,
          true,
        ]);
      });

      it('collapses a flood of client reports into one counted summary; real entries stay', async () => {
        const time = clock('2026-03-02T08:00:00.000Z');
        const server = app(db, { now: time.now, clientEvents: { perWindow: 5, windowMs: 60_000 } });
        const admin = as(server);
        await admin.connect();
        const statuses: number[] = [];
        for (let n = 0; n < 40; n++) {
          statuses.push((await admin.post('/audit', rejected(`flood-${n}`))).status);
        }
        assert.deepEqual(statuses, [...Array(5).fill(201), ...Array(35).fill(202)]);
        // A repeated id is a duplicate, not one more report.
        assert.equal((await admin.post('/audit', rejected('flood-0'))).status, 200);
        // The window has not ended: no summary yet.
        assert.equal((await admin.get('/audit?limit=200')).body.events.length, 7);
        time.advance(60_000);
        const { events } = (await admin.get('/audit?limit=200')).body;
        assert.equal(events.length, 8);
        assert.deepEqual(
          {
            action: events[0].action,
            error: events[0].error,
            count: events[0].count,
            source: events[0].source,
            actor: events[0].actor,
          },
          {
            action: 'consent-rejected',
            error: 'rate-limited',
            count: 35,
            source: 'client',
            actor: admin.actor,
          },
        );
        assert.ok(events.some((e: { action: string }) => e.action === 'connect'));
        // Reading again does not append the summary twice, and the chain holds.
        assert.equal((await admin.get('/audit?limit=200')).body.events.length, 8);
        assert.equal((await verifyChain(db, admin.consoleId)).ok, true);
        // The next window records one by one again.
        assert.equal((await admin.post('/audit', rejected('after-flood'))).status, 201);
      });

      it('keeps the count of a burst the browser collapsed, and adds it to a summary past the limit', async () => {
        const time = clock('2026-03-03T08:00:00.000Z');
        const server = app(db, { now: time.now, clientEvents: { perWindow: 1, windowMs: 60_000 } });
        const admin = as(server);
        assert.equal(
          (await admin.post('/audit', { ...rejected('burst-1'), count: 12 })).status,
          201,
        );
        assert.equal(
          (await admin.post('/audit', { ...rejected('burst-2'), count: 30 })).status,
          202,
        );
        assert.equal((await admin.post('/audit', rejected('burst-3'))).status, 202);
        for (const count of [1, 0, 1.5, 1_000_001, '3']) {
          const refused = await admin.post('/audit', {
            ...rejected(`bad-${String(count)}`),
            count,
          });
          assert.equal(refused.status, 422, `count ${String(count)}`);
        }
        time.advance(60_000);
        const { events } = (await admin.get('/audit?limit=10')).body;
        assert.deepEqual(
          events.map((e: { error: string; count?: number }) => [e.error, e.count]),
          [
            ['rate-limited', 31],
            ['state-mismatch', 12],
          ],
        );
        assert.equal((await verifyChain(db, admin.consoleId)).ok, true);
      });

      it('records a client report’s tenant only when it is a valid tenant ID', async () => {
        const admin = as(app(db));
        const good = await admin.post('/audit', { ...rejected('t-good'), tenantId: TENANT });
        assert.equal(good.status, 201);
        const bad = await admin.post('/audit', {
          ...rejected('t-bad'),
          tenantId: `${TENANT}\r\nadmin=true`,
        });
        assert.equal(bad.status, 422);
        assert.equal(bad.body.errors[0].pointer, '/tenantId');
        const upper = await admin.post('/audit', {
          ...rejected('t-upper'),
          tenantId: TENANT.toUpperCase(),
        });
        assert.equal(upper.status, 422, 'a client report must carry a normalised tenant');
        const { events } = (await admin.get('/audit')).body;
        assert.deepEqual(
          events.map((e: { id: string; tenantId: string }) => [e.id, e.tenantId]),
          [['t-good', TENANT]],
        );
      });

      it('exports CSV that a spreadsheet cannot run, and JSON lines', async () => {
        const admin = as(app(db), undefined, '=HYPERLINK("https://evil.example","click")');
        await admin.connect();
        const csv = await admin.get('/audit/export?format=csv');
        assert.equal(csv.status, 200);
        assert.match(
          csv.headers.get('Content-Disposition') ?? '',
          /^attachment; filename="audit-\d{4}-\d\d-\d\d\.csv"$/,
        );
        const rows = csv.text.trim().split('\r\n');
        assert.equal(rows.length, 3);
        assert.ok(rows[1]?.includes(`"'=HYPERLINK(""https://evil.example"",""click"")"`), rows[1]);
        assert.ok(
          !/(^|,)"[=+\-@]/.test(rows.slice(1).join('\n')),
          'no cell starts with a formula character',
        );
        const jsonl = await admin.get('/audit/export?format=jsonl&action=connect');
        const lines = jsonl.text
          .trim()
          .split('\n')
          .map((line) => JSON.parse(line));
        assert.deepEqual(
          lines.map((l: { action: string }) => l.action),
          ['connect'],
        );
      });

      it('exports a trail longer than one batch, in order', async () => {
        const admin = as(app(db, { clientEvents: { perWindow: 2000 } }));
        for (let n = 0; n < 620; n++) await admin.post('/audit', rejected(`bulk-${n}`));
        const jsonl = await admin.get('/audit/export?format=jsonl');
        const seqs = jsonl.text
          .trim()
          .split('\n')
          .map((line) => JSON.parse(line).seq);
        assert.equal(seqs.length, 620);
        assert.deepEqual(
          seqs,
          Array.from({ length: 620 }, (_, i) => 620 - i),
        );
      });
    });

    describe('consent verification', () => {
      const refusing: ConsentVerifier = {
        name: 'refuses',
        verify: async () => ({ verified: false, error: 'consent-missing', aadsts: 'AADSTS65001' }),
      };

      it('records a refusal with its AADSTS code, and then refuses the connection', async () => {
        const admin = as(app(db, { verifier: refusing }));
        const verified = await admin.post('/consent/verify', {
          tenantType: 'standard',
          tenantId: TENANT,
          via: 'callback',
        });
        assert.deepEqual(verified.body, {
          verified: false,
          error: 'consent-missing',
          aadsts: 'AADSTS65001',
        });
        const created = await admin.post(
          '/connection',
          { tenantType: 'standard', tenantId: TENANT },
          { 'Idempotency-Key': 'key-refused-1' },
        );
        assert.equal(created.status, 409);
        assert.equal(created.body.code, 'not-verified');
        const { events } = (await admin.get('/audit')).body;
        assert.deepEqual(
          events.map((e: { action: string; outcome: string; error?: string; aadsts?: string }) => [
            e.action,
            e.outcome,
            e.error,
            e.aadsts,
          ]),
          [
            ['connect', 'failure', 'not-verified', undefined],
            ['verify-consent', 'failure', 'consent-missing', 'AADSTS65001'],
          ],
        );
      });

      it('lets a verification expire', async () => {
        const time = clock();
        const admin = as(app(db, { now: time.now, verificationTtlMs: 60_000 }));
        await admin.post('/consent/verify', {
          tenantType: 'gcc-high',
          tenantId: OTHER_TENANT,
          via: 'manual',
        });
        time.advance(61_000);
        const late = await admin.post(
          '/connection',
          { tenantType: 'gcc-high', tenantId: OTHER_TENANT },
          { 'Idempotency-Key': 'key-late-0001' },
        );
        assert.equal(late.body.code, 'not-verified');
      });

      it('does not let a consent verified in one cloud connect the other', async () => {
        const admin = as(app(db));
        await admin.post('/consent/verify', {
          tenantType: 'standard',
          tenantId: OTHER_TENANT,
          via: 'manual',
        });
        const other = await admin.post(
          '/connection',
          { tenantType: 'gcc-high', tenantId: OTHER_TENANT },
          { 'Idempotency-Key': 'key-cloud-001' },
        );
        assert.equal(other.body.code, 'not-verified');
      });

      it('answers 503 when the verifier fails, and audits the failed check', async () => {
        const errors: unknown[] = [];
        const broken: ConsentVerifier = {
          name: 'broken',
          verify: async () => {
            throw new Error('token endpoint said no');
          },
        };
        const admin = as(app(db, { verifier: broken, onError: (e) => errors.push(e) }));
        const reply = await admin.post('/consent/verify', {
          tenantType: 'standard',
          tenantId: TENANT,
          via: 'manual',
        });
        assert.equal(reply.status, 503);
        assert.equal(reply.headers.get('Retry-After'), '5');
        assert.ok(
          !reply.text.includes('token endpoint'),
          'the verifier’s error stays in the server',
        );
        assert.equal(errors.length, 1);
        const { events } = (await admin.get('/audit')).body;
        assert.deepEqual(
          [events[0].action, events[0].outcome, events[0].error],
          ['verify-consent', 'failure', 'unavailable'],
        );
      });
    });

    describe('requests', () => {
      it('answers with security headers and no caching', async () => {
        const reply = await as(app(db)).get('/connection');
        assert.equal(reply.headers.get('X-Content-Type-Options'), 'nosniff');
        assert.equal(reply.headers.get('X-Frame-Options'), 'DENY');
        assert.equal(reply.headers.get('Referrer-Policy'), 'no-referrer');
        assert.equal(reply.headers.get('Cache-Control'), 'no-store');
        assert.match(reply.headers.get('Content-Security-Policy') ?? '', /default-src 'none'/);
      });

      it('refuses changes from foreign origins and cross-site requests, and accepts its own and allowed ones', async () => {
        const server = app(db, { allowedOrigins: ['https://console.contoso.example'] });
        const admin = as(server);
        const body = { ...rejected('origin-1') };
        assert.equal(
          (await admin.post('/audit', body, { Origin: 'https://evil.example' })).body.code,
          'foreign-origin',
        );
        assert.equal(
          (await admin.post('/audit', body, { 'Sec-Fetch-Site': 'cross-site' })).body.code,
          'foreign-origin',
        );
        assert.equal(
          (await admin.delete('/connection', { Origin: 'null' })).body.code,
          'foreign-origin',
        );
        assert.equal(
          (await admin.post('/audit', body, { Origin: 'http://localhost' })).status,
          201,
        );
        assert.equal(
          (
            await admin.post(
              '/audit',
              { ...rejected('origin-2') },
              { Origin: 'https://console.contoso.example' },
            )
          ).status,
          201,
        );
      });

      it('refuses a chunked body over the limit without reading it all', async () => {
        const admin = as(app(db));
        const chunk = new TextEncoder().encode(`{"pad":"${'x'.repeat(8000)}`);
        let sent = 0;
        const stream = new ReadableStream<Uint8Array>({
          pull(controller) {
            sent += 1;
            if (sent > 100) controller.close();
            else controller.enqueue(chunk);
          },
        });
        const server = app(db);
        const response = await server.request('/audit', {
          method: 'POST',
          headers: { 'X-Dev-Console': admin.consoleId, 'Content-Type': 'application/json' },
          body: stream,
          // @ts-expect-error Node's fetch needs duplex for a streamed body
          duplex: 'half',
        });
        assert.equal(response.status, 413);
        assert.ok(sent < 10, `read ${sent} chunks of 8 KB`);
      });

      it('never takes the console or the actor from the body', async () => {
        const admin = as(app(db));
        const forged = await admin.post('/audit', {
          ...rejected('forged'),
          actor: 'ceo@contoso.example',
        });
        assert.equal(forged.status, 422);
        assert.equal(forged.body.code, 'unknown-field');
        const console = await admin.post('/consent/verify', {
          tenantType: 'standard',
          tenantId: TENANT,
          via: 'manual',
          consoleId: 'other',
        });
        assert.equal(console.body.code, 'unknown-field');
      });

      it('answers 500 without detail when the authenticator fails, and 403 when it forbids', async () => {
        const errors: unknown[] = [];
        const failing = app(db, {
          authenticate: () => {
            throw new Error('session store password is hunter2');
          },
          onError: (error) => errors.push(error),
        });
        const reply = await as(failing).get('/connection');
        assert.equal(reply.status, 500);
        assert.equal(reply.body.code, 'internal');
        assert.ok(!reply.text.includes('hunter2'));
        assert.equal(errors.length, 1);
        const { AuthError } = await import('../auth.js');
        const forbidding = app(db, {
          authenticate: () => {
            throw new AuthError('forbidden', 'Read-only administrators cannot connect tenants.');
          },
        });
        const refused = await as(forbidding).get('/connection');
        assert.deepEqual(
          [refused.status, refused.body.code, refused.body.detail],
          [403, 'forbidden', 'Read-only administrators cannot connect tenants.'],
        );
        const badSession = app(db, {
          authenticate: () => ({ consoleId: 'c1', actor: 'eve\nadmin' }),
          onError: () => undefined,
        });
        assert.equal((await as(badSession).get('/connection')).status, 500);
      });

      it('logs one line per request without headers, bodies or queries', async () => {
        const entries: object[] = [];
        const admin = as(app(db, { log: (entry) => entries.push(entry) }));
        await admin.get('/audit?from=2026-01-01T00:00:00Z', {
          Authorization: 'Bearer secret-token',
        });
        await admin.post('/audit', { ...rejected('log-1'), actor: 'x' });
        assert.equal(entries.length, 2);
        assert.deepEqual(Object.keys(entries[0] ?? {}).sort(), [
          'consoleId',
          'method',
          'ms',
          'path',
          'status',
        ]);
        assert.deepEqual(
          { ...entries[1], ms: 0 },
          {
            method: 'POST',
            path: '/audit',
            status: 422,
            ms: 0,
            consoleId: admin.consoleId,
            code: 'unknown-field',
          },
        );
        assert.ok(!JSON.stringify(entries).includes('secret-token'));
      });

      it('writes nothing of a change whose audit event fails', async () => {
        const failing: Database = {
          ...db,
          transaction: (work) =>
            db.transaction((tx) => {
              const guarded: Queryable = {
                exec: (sql) => tx.exec(sql),
                query: (sql, params) =>
                  sql.includes('INSERT INTO audit_events')
                    ? Promise.reject(new Error('disk full'))
                    : tx.query(sql, params),
              };
              return work(guarded);
            }),
        };
        const admin = as(app(failing, { onError: () => undefined }));
        const direct = as(app(db), admin.consoleId);
        const unkept = await admin.post('/consent/verify', {
          tenantType: 'standard',
          tenantId: OTHER_TENANT,
          via: 'manual',
        });
        assert.equal(unkept.status, 500);
        await direct.post('/consent/verify', {
          tenantType: 'standard',
          tenantId: TENANT,
          via: 'manual',
        });
        const created = await admin.post(
          '/connection',
          { tenantType: 'standard', tenantId: TENANT },
          { 'Idempotency-Key': 'key-halfway-1' },
        );
        assert.equal(created.status, 500);
        assert.equal(created.body.code, 'internal');
        assert.equal(
          (await direct.get('/connection')).body,
          null,
          'no connection without its audit event',
        );
        const again = await direct.post(
          '/connection',
          { tenantType: 'standard', tenantId: OTHER_TENANT },
          { 'Idempotency-Key': 'key-halfway-2' },
        );
        assert.equal(
          again.body.code,
          'not-verified',
          'the verification whose event failed was not kept',
        );
        assert.deepEqual(
          (await direct.get('/audit')).body.events.map((e: { action: string; outcome: string }) => [
            e.action,
            e.outcome,
          ]),
          [
            ['connect', 'failure'],
            ['verify-consent', 'success'],
          ],
        );
      });
    });

    if (backend.postgres) {
      const server = backend.postgres;
      it('survives PostgreSQL stopping in the middle of a transaction', async () => {
        let stopped: Promise<void> | undefined;
        try {
          await assert.rejects(
            db.transaction(async (tx) => {
              await tx.query('SELECT 1');
              stopped = server.stop();
              await stopped;
              await tx.query('SELECT 1');
            }),
            (error: Error) => error.name === 'DatabaseUnavailableError',
          );
        } finally {
          await stopped;
          await server.start();
        }
        // The process is still here, and the pool recovers.
        let up = false;
        for (let tries = 0; !up && tries < 20; tries++) {
          up = await db.ping();
          if (!up) await new Promise((resolve) => setTimeout(resolve, 250));
        }
        assert.equal(up, true);
      });

      it('answers 503 with Retry-After while PostgreSQL is stopped, and recovers when it is back', async () => {
        const admin = as(app(db));
        await admin.connect();
        await server.stop();
        try {
          const down = await admin.get('/connection');
          assert.equal(down.status, 503);
          assert.equal(down.body.code, 'unavailable');
          assert.equal(down.headers.get('Retry-After'), '5');
          const write = await admin.delete('/connection');
          assert.equal(write.status, 503);
          assert.equal((await admin.get('/healthz')).status, 503);
        } finally {
          await server.start();
        }
        let back = await admin.get('/connection');
        for (let tries = 0; back.status !== 200 && tries < 20; tries++) {
          await new Promise((resolve) => setTimeout(resolve, 250));
          back = await admin.get('/connection');
        }
        assert.equal(back.status, 200);
        assert.equal(
          back.body.tenantId,
          TENANT,
          'the connection survived, the refused DELETE did nothing',
        );
        assert.equal((await admin.get('/healthz')).status, 200);
      });
    }
  });
}
