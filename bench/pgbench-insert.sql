-- pgbench baseline: one single-row insert per transaction, a small JSON document like a progress event.
\set stream random(1, 100000)
\set percent random(1, 99)
insert into bench_baseline (stream_id, data) values ('C' || :stream, jsonb_build_object('percent', :percent, 'note', 'bench report'));
