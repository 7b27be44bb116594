-- Called by measure-rows.sh on a scratch database holding the collector's schema. :episodes episodes of each kind
-- go through the statements the collector runs for them (ingest, triage mark, case, audit events, queued message,
-- relay mark), set-based in one transaction per step. Payloads are random bytes (protobuf compresses little), sized
-- like the wire alerts: 1,253 bytes for a 48-hour LOW_ACTIVITY alert (bench/README.md, "Alert size"), 300 bytes
-- (assumed) for a device alert, which carries no hourly evidence.
\pset footer off
\set QUIET on

-- One customer, hub, pet and collar per episode pair.
INSERT INTO customers (id, first_name, last_name, phone, email, time_zone)
SELECT 'cus-' || g, 'Firstname', 'Lastname', '+44 7700 ' || lpad(g::text, 6, '0'), 'owner' || g || '@example.com',
       'Europe/London'
  FROM generate_series(1, :episodes) g;
INSERT INTO hubs (id, customer_id, token_sha256, model)
SELECT 'hub-' || g, 'cus-' || g, md5(g::text) || md5(g::text), 'hub-model-a' FROM generate_series(1, :episodes) g;
INSERT INTO pets (id, customer_id, name, species) SELECT 'pet-' || g, 'cus-' || g, 'Luna', 'dog'
  FROM generate_series(1, :episodes) g;
INSERT INTO collars (id, pet_id, hub_id, firmware) SELECT 'collar-' || g, 'pet-' || g, 'hub-' || g, 'fw-2.4.1'
  FROM generate_series(1, :episodes) g;
VACUUM ANALYZE;

CREATE TEMP TABLE wal (step TEXT, bytes NUMERIC);

-- An episode: FIRING alert stored, decided (case, events, message), text sent; RESOLVED alert stored and decided
-- (health: case closed and a feeling-better text; device: noted on the closed nudge case).
CREATE FUNCTION pg_temp.episodes(k TEXT, payload_bytes INT, first INT, last INT) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    health BOOLEAN := k IN ('LOW_ACTIVITY', 'RESTLESS_NIGHTS');
BEGIN
    -- ingest (FIRING)
    INSERT INTO alerts (alert_id, hub_id, collar_id, kind, state, severity, window_start, window_end, detected_at,
                        raised_at, detector, detector_params, summary, activity_ratio, worn_coverage, payload,
                        collar_firmware, hub_model)
    SELECT md5('F' || k || g)::uuid::text, 'hub-' || g, 'collar-' || g, k, 'FIRING', 'MEDIUM',
           now() - interval '48 hours', now(), now(), now(), 'low-activity',
           '{"window_hours":"48","low_ratio":"0.5","resolve_ratio":"0.75","min_coverage":"0.6",'
           '"baseline_days":"28","min_baseline_days":"4","young_max_ratio":"0.35"}'::jsonb,
           'activity at 30% of this pet''s usual level for the last 48 h (each of 2 blocks below 50%; worn 100% of '
           'the time)', 0.3, 1.0,
           (SELECT substring(string_agg(decode(md5(random()::text || g || i), 'hex'), ''::bytea) FROM 1 FOR payload_bytes)
              FROM generate_series(1, payload_bytes / 16 + 1) i),
           'fw-2.4.1', 'hub-model-a'
      FROM generate_series(first, last) g;
END $$;
-- The steps after ingest run as separate transactions below, as they do in the collector.
CREATE FUNCTION pg_temp.triage(k TEXT, first INT, last INT) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    health BOOLEAN := k IN ('LOW_ACTIVITY', 'RESTLESS_NIGHTS');
    body TEXT := CASE WHEN health THEN repeat('Hi Hana, this is PetWatch. Luna has been much less active than usual. ', 8)
                      ELSE repeat('Hi Hana, a quick note from PetWatch: the collar is off. ', 4) END;
BEGIN
    UPDATE alerts SET status = 'TRIAGED', status_reason = 'case opened: vet triage by SMS, script vet-triage-lethargy',
                      processed_at = now()
     WHERE alert_id IN (SELECT md5('F' || k || g)::uuid::text FROM generate_series(first, last) g);
    INSERT INTO outreach_cases (opened_by_alert, customer_id, pet_id, collar_id, kind, episode_start, status, decision,
                                severity, escalate_after, variant)
    SELECT md5('F' || k || g)::uuid::text, 'cus-' || g, 'pet-' || g, 'collar-' || g, k,
           now() - interval '48 hours', CASE WHEN health THEN 'AWAITING_OWNER' ELSE 'CLOSED' END,
           'LOW_ACTIVITY MEDIUM FIRING: vet triage by SMS (script vet-triage-lethargy, variant empathy-first)',
           'MEDIUM', CASE WHEN health THEN interval '4 hours' END, 'empathy-first'
      FROM generate_series(first, last) g;
    INSERT INTO case_events (case_id, kind, detail)
    SELECT c.id, e.kind, e.detail FROM outreach_cases c
     CROSS JOIN (VALUES ('OPENED', 'alert ' || md5('x')::uuid || ' (LOW_ACTIVITY FIRING MEDIUM, detected '
                         || now() || '): vet triage by SMS (script vet-triage-lethargy, variant empathy-first)'),
                        ('MESSAGE_QUEUED', 'SMS from script vet-triage-lethargy to leave at ' || now())) e(kind, detail)
     WHERE c.kind = k AND c.collar_id IN (SELECT 'collar-' || g FROM generate_series(first, last) g);
    INSERT INTO messages (case_id, customer_id, channel, recipient, template, body, status, send_after, reason)
    SELECT c.id, c.customer_id, 'SMS', '+447700900107', CASE WHEN health THEN 'vet-triage-lethargy' ELSE 'device-nudge' END,
           body, 'QUEUED', now(), 'vet triage by SMS'
      FROM outreach_cases c
     WHERE c.kind = k AND c.collar_id IN (SELECT 'collar-' || g FROM generate_series(first, last) g);
END $$;
CREATE FUNCTION pg_temp.relay(k TEXT, tpl TEXT, first INT, last INT) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    UPDATE messages m SET status = 'SENT', sent_at = now(), provider_ref = 'SM' || md5(m.id::text), attempts = 1,
                          claimed_until = NULL
      FROM outreach_cases c
     WHERE m.case_id = c.id AND m.template = tpl AND c.kind = k
       AND c.collar_id IN (SELECT 'collar-' || g FROM generate_series(first, last) g);
    UPDATE outreach_cases c SET escalate_at = now() + c.escalate_after
     WHERE c.kind = k AND c.status = 'AWAITING_OWNER' AND c.escalate_at IS NULL
       AND c.collar_id IN (SELECT 'collar-' || g FROM generate_series(first, last) g);
    INSERT INTO case_events (case_id, kind, detail)
    SELECT c.id, 'MESSAGE_SENT', 'SMS ' || tpl || ' handed to the provider (SM' || md5(c.id::text) || ')'
      FROM outreach_cases c
     WHERE c.kind = k AND c.collar_id IN (SELECT 'collar-' || g FROM generate_series(first, last) g);
END $$;
CREATE FUNCTION pg_temp.resolve(k TEXT, payload_bytes INT, first INT, last INT) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    health BOOLEAN := k IN ('LOW_ACTIVITY', 'RESTLESS_NIGHTS');
BEGIN
    INSERT INTO alerts (alert_id, hub_id, collar_id, kind, state, severity, window_start, window_end, detected_at,
                        raised_at, detector, detector_params, summary, activity_ratio, worn_coverage, payload,
                        collar_firmware, hub_model)
    SELECT md5('R' || k || g)::uuid::text, 'hub-' || g, 'collar-' || g, k, 'RESOLVED', 'MEDIUM',
           now() - interval '48 hours', now(), now(), now(), 'low-activity',
           '{"window_hours":"48","low_ratio":"0.5","resolve_ratio":"0.75","min_coverage":"0.6",'
           '"baseline_days":"28","min_baseline_days":"4","young_max_ratio":"0.35"}'::jsonb,
           'activity back to 90% of this pet''s usual level', 0.9, 1.0,
           (SELECT substring(string_agg(decode(md5(random()::text || g || i), 'hex'), ''::bytea) FROM 1 FOR payload_bytes)
              FROM generate_series(1, payload_bytes / 16 + 1) i),
           'fw-2.4.1', 'hub-model-a'
      FROM generate_series(first, last) g;
    UPDATE alerts SET status = 'TRIAGED', status_reason = 'case closed: the pet recovered', processed_at = now()
     WHERE alert_id IN (SELECT md5('R' || k || g)::uuid::text FROM generate_series(first, last) g);
    IF health THEN
        UPDATE outreach_cases c SET status = 'RESOLVED', closed_at = now(), outcome = 'recovered', outcome_by = 'hub',
                                    escalate_at = NULL
         WHERE c.kind = k AND c.collar_id IN (SELECT 'collar-' || g FROM generate_series(first, last) g);
        INSERT INTO case_events (case_id, kind, detail)
        SELECT c.id, e.kind, e.detail FROM outreach_cases c
         CROSS JOIN (VALUES ('RESOLVED', 'alert ' || md5('y')::uuid || ' (LOW_ACTIVITY RESOLVED MEDIUM, detected '
                             || now() || '): the pet recovered before escalation: close and say so'),
                            ('MESSAGE_QUEUED', 'SMS from script feeling-better')) e(kind, detail)
         WHERE c.kind = k AND c.collar_id IN (SELECT 'collar-' || g FROM generate_series(first, last) g);
        INSERT INTO messages (case_id, customer_id, channel, recipient, template, body, status, send_after, reason)
        SELECT c.id, c.customer_id, 'SMS', '+447700900107', 'feeling-better',
               'Good news, Hana: Luna is back to her usual self on the collar. Glad she''s feeling better! No need to reply.',
               'QUEUED', now(), 'the pet recovered'
          FROM outreach_cases c
         WHERE c.kind = k AND c.collar_id IN (SELECT 'collar-' || g FROM generate_series(first, last) g);
    ELSE
        INSERT INTO case_events (case_id, kind, detail)
        SELECT c.id, 'NOTED', 'alert ' || md5('z')::uuid || ' (COLLAR_OFF RESOLVED LOW): the collar is back on'
          FROM outreach_cases c
         WHERE c.kind = k AND c.collar_id IN (SELECT 'collar-' || g FROM generate_series(first, last) g);
    END IF;
END $$;

-- Health episodes (LOW_ACTIVITY, 48 h evidence).
CHECKPOINT;
SELECT pg_current_wal_lsn() AS lsn0 \gset
SELECT pg_temp.episodes('LOW_ACTIVITY', 1253, 1, :episodes);
SELECT pg_current_wal_lsn() AS lsn1 \gset
SELECT pg_temp.triage('LOW_ACTIVITY', 1, :episodes);
SELECT pg_current_wal_lsn() AS lsn2 \gset
SELECT pg_temp.relay('LOW_ACTIVITY', 'vet-triage-lethargy', 1, :episodes);
SELECT pg_current_wal_lsn() AS lsn3 \gset
SELECT pg_temp.resolve('LOW_ACTIVITY', 1253, 1, :episodes);
SELECT pg_temp.relay('LOW_ACTIVITY', 'feeling-better', 1, :episodes);
SELECT pg_current_wal_lsn() AS lsn4 \gset
INSERT INTO wal VALUES
    ('health: ingest FIRING', pg_wal_lsn_diff(:'lsn1', :'lsn0')),
    ('health: triage (mark, case, 2 events, queued text)', pg_wal_lsn_diff(:'lsn2', :'lsn1')),
    ('health: relay (sent mark, timer, event)', pg_wal_lsn_diff(:'lsn3', :'lsn2')),
    ('health: RESOLVED (ingest, mark, close, 3 events, text sent)', pg_wal_lsn_diff(:'lsn4', :'lsn3')),
    ('health: whole episode', pg_wal_lsn_diff(:'lsn4', :'lsn0'));

-- Device episodes (COLLAR_OFF nudge), on the same collars.
CHECKPOINT;
SELECT pg_current_wal_lsn() AS lsn5 \gset
SELECT pg_temp.episodes('COLLAR_OFF', 300, 1, :episodes);
SELECT pg_temp.triage('COLLAR_OFF', 1, :episodes);
SELECT pg_temp.relay('COLLAR_OFF', 'device-nudge', 1, :episodes);
SELECT pg_temp.resolve('COLLAR_OFF', 300, 1, :episodes);
SELECT pg_current_wal_lsn() AS lsn6 \gset
INSERT INTO wal VALUES ('device: whole episode', pg_wal_lsn_diff(:'lsn6', :'lsn5'));

-- Statistics reach the shared counters at most once a second.
SELECT pg_stat_force_next_flush();
SELECT pg_sleep(1.5);
SELECT pg_stat_clear_snapshot();
SELECT relname, n_tup_ins, n_tup_upd, n_tup_hot_upd, n_dead_tup INTO TEMP upd FROM pg_stat_user_tables
 WHERE relname IN ('alerts', 'outreach_cases', 'messages', 'case_events');
VACUUM ANALYZE alerts, outreach_cases, messages, case_events;
CREATE EXTENSION IF NOT EXISTS pgstattuple;

\echo
\echo 'PostgreSQL and settings'
SELECT version(), current_setting('wal_compression') AS wal_compression,
       current_setting('full_page_writes') AS full_page_writes, :episodes AS episodes_per_kind;
\echo 'Live row size by table and episode kind: pg_column_size(row) + 4-byte line pointer, in bytes'
SELECT 'alerts' AS "table", kind, count(*) AS rows, round(avg(pg_column_size(a.*)) + 4) AS live_bytes_per_row
  FROM alerts a GROUP BY kind
UNION ALL SELECT 'outreach_cases', kind, count(*), round(avg(pg_column_size(c.*)) + 4) FROM outreach_cases c GROUP BY kind
UNION ALL SELECT 'messages', c.kind, count(*), round(avg(pg_column_size(m.*)) + 4)
  FROM messages m JOIN outreach_cases c ON c.id = m.case_id GROUP BY c.kind
UNION ALL SELECT 'case_events', c.kind, count(*), round(avg(pg_column_size(e.*)) + 4)
  FROM case_events e JOIN outreach_cases c ON c.id = e.case_id GROUP BY c.kind
ORDER BY 1, 2;
\echo 'Files after VACUUM (both kinds): heap bytes per live row, free space left by the updates, index bytes per row'
SELECT c.relname AS "table", s.tuple_count AS rows, round(s.table_len::numeric / s.tuple_count) AS heap_file_b_per_row,
       round(s.tuple_len::numeric / s.tuple_count) AS tuple_b_per_row, round(s.free_percent) AS free_pct,
       round(pg_indexes_size(c.oid)::numeric / s.tuple_count) AS idx_b_per_row,
       (SELECT string_agg(i.indexrelid::regclass || '=' || round(pg_relation_size(i.indexrelid)::numeric / s.tuple_count), ', '
                          ORDER BY i.indexrelid::regclass::text)
          FROM pg_index i WHERE i.indrelid = c.oid) AS per_index_b_per_row
  FROM pg_class c, LATERAL pgstattuple(c.oid) s
 WHERE c.relname IN ('alerts', 'outreach_cases', 'messages', 'case_events') ORDER BY 1;
\echo 'Updates: a HOT update writes no new index entries; the alerts mark cannot be HOT while status is indexed'
SELECT * FROM upd ORDER BY 1;
\echo 'WAL by step, bytes per episode'
SELECT step, round(bytes / :episodes) AS wal_bytes_per_episode FROM wal;
