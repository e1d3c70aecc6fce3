using System.Globalization;

namespace CityCoop.Benchmarks;

/// <summary>
/// Bulk-loads proposals straight into the server's PostgreSQL database with set-based SQL (one
/// <c>INSERT … SELECT FROM generate_series</c> per table, in one transaction, then <c>VACUUM (ANALYZE)</c>, as autovacuum would have left a database of that age), so that the list
/// phase reads a database of a realistic size without pushing 100,000 proposals through the HTTP path.
/// </summary>
/// <remarks>
/// The rows copy the shape a real run of <see cref="Workload"/> writes (proposals, workflow_instances, workflow_tasks with
/// the same state, task, role, scope, organisation, due-date and JSON values), varying ids, titles, cities, fiscal years,
/// amounts and states. The mix: fiscal years 1996–2015 in equal parts; proposals of past years ended (70 % closed, 10 %
/// each declined, rejected, withdrawn), with all their tasks closed; those of the current year 2015 (the server's clock is
/// June 2015) spread over the open states (20 % draft, 20 % platform-matching, 15 % ministry-approval, 20 % fund-execution)
/// and the ended ones (5 % each declined, rejected, withdrawn, 10 % closed). Every state a proposal passed leaves its tasks,
/// closed; the tasks of its current open state are open. One proposal in five is proposed by a Japanese city to Chinese
/// partners, the others the other way round; one in three names two partner cities. Timers, journal entries and approvals
/// are not written: the inbox and the list do not read them.
/// </remarks>
internal static class BulkProposals
{
    /// <summary>The fiscal year whose proposals are still open (the server runs on a clock in June 2015).</summary>
    public const int CurrentFiscalYear = 2015;

    /// <summary>Inserts <paramref name="count"/> proposals with their instances and tasks, VACUUM (ANALYZE)s the three tables, and returns the table's row counts.</summary>
    public static async Task<string> LoadAsync(PostgresTarget target, int count, CancellationToken ct)
    {
        var file = Path.Combine(Path.GetTempPath(), $"citycoop-bench-load-{Guid.NewGuid():N}.sql");
        await File.WriteAllTextAsync(file, Sql.Replace("@count", count.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal), ct);
        try
        {
            await Postgres.PsqlAsync(target, ["-v", "ON_ERROR_STOP=1", "-1", "-f", file], ct);
            await VacuumAsync(target, ct);
            var counts = await Postgres.PsqlAsync(
                target,
                ["-c", """select format('proposals %s, workflow_instances %s, workflow_tasks %s (%s open)', (select count(*) from proposals), (select count(*) from workflow_instances), (select count(*) from workflow_tasks), (select count(*) from workflow_tasks where "ClosedAt" is null))"""],
                ct);
            return counts.Trim();
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>
    /// VACUUM (ANALYZE)s the three tables until every page is all-visible, as autovacuum leaves a table whose old rows no one
    /// changes. A VACUUM that runs while another session's snapshot predates the load (the server's dispatcher or Hangfire
    /// polling) marks no page, and every count then reads the heap instead of an index only: the FY2010 list took 13 ms
    /// instead of 6 on 2026-12-03 for that reason alone. Gives up after 30 tries a second apart and says so. Then a
    /// CHECKPOINT, so that writing out the load is not part of what is measured.
    /// </summary>
    private static async Task VacuumAsync(PostgresTarget target, CancellationToken ct)
    {
        const string NotVisible = """select coalesce(string_agg(relname || ' ' || relallvisible || '/' || relpages, ', '), '') from pg_class where relname in ('proposals', 'workflow_instances', 'workflow_tasks') and relallvisible < relpages""";
        var left = "";
        for (var attempt = 0; attempt < 30; attempt++)
        {
            await Postgres.PsqlAsync(target, ["-c", "vacuum (analyze) proposals", "-c", "vacuum (analyze) workflow_instances", "-c", "vacuum (analyze) workflow_tasks"], ct);
            left = (await Postgres.PsqlAsync(target, ["-c", NotVisible], ct)).Trim();
            if (left.Length == 0)
            {
                // Write the load's dirty pages now, not during the first request kind measured (the inbox of shanghai
                // took 28 ms at p95 and 12 ms when asked again later on 2026-12-03).
                await Postgres.PsqlAsync(target, ["-c", "checkpoint"], ct);
                return;
            }

            await Task.Delay(TimeSpan.FromSeconds(1), ct);
        }

        Console.Error.WriteLine($"VACUUM left pages not all-visible (relallvisible/relpages): {left}; counts will read the heap.");
    }

    // Stage = how far along the path a proposal got (1 draft, 2 platform-matching, 3 ministry-approval, 4 fund-execution);
    // the tasks of every stage up to it are written, open only for the stage of a state that has not ended.
    private const string Sql = """
        create temp table bench_p on commit drop as
        with c as (
            select array_agg("Code" order by "Code") filter (where "Country" = 'CN') as cn,
                   array_agg("Code" order by "Code") filter (where "Country" = 'JP') as jp
            from cities),
        g as (
            select n, 1996 + n % 20 as fy, abs(hashint4(n)) as h1, abs(hashint4(-n)) as h2, abs(hashint4(n + 1000000007)) as h3, n % 5 = 0 as from_jp
            from generate_series(1, @count) n),
        s as (
            select g.*,
                   case when fy < 2015
                        then (array['closed','closed','closed','closed','closed','closed','closed','declined','rejected','withdrawn'])[1 + h1 % 10]
                        else (array['draft','draft','draft','draft','platform-matching','platform-matching','platform-matching','platform-matching',
                                    'ministry-approval','ministry-approval','ministry-approval','fund-execution','fund-execution','fund-execution',
                                    'fund-execution','declined','rejected','withdrawn','closed','closed'])[1 + h1 % 20]
                   end as state,
                   case when from_jp then c.jp else c.cn end as own,
                   case when from_jp then c.cn else c.jp end as other
            from g cross join c)
        select gen_random_uuid() as pid,
               gen_random_uuid() as iid,
               n, fy, state,
               case state when 'draft' then 1 when 'platform-matching' then 2 when 'declined' then 2 when 'withdrawn' then 2
                          when 'ministry-approval' then 3 when 'rejected' then 3 else 4 end as stage,
               state in ('closed', 'declined', 'rejected', 'withdrawn') as ended,
               own[1 + h2 % cardinality(own)] as city,
               case when from_jp then 'JP' else 'CN' end as country,
               case when n % 3 = 0
                    then array[other[1 + h3 % cardinality(other)], other[1 + (h3 + 1) % cardinality(other)]]
                    else array[other[1 + h3 % cardinality(other)]] end as partners,
               case when fy < 2015
                    then make_timestamptz(fy, 4, 1, 0, 0, 0, 'Asia/Tokyo') + (h2 % 330) * interval '1 day' + (n % 86400) * interval '1 second'
                    else make_timestamptz(fy, 4, 1, 0, 0, 0, 'Asia/Tokyo') + (h2 % 55) * interval '1 day' + (n % 86400) * interval '1 second' end as created,
               1000000 + (h3 % 40) * 100000 as requested
        from s;

        insert into proposals ("Id", "Title", "Description", "ProposingCityCode", "ProposingCountry", "PartnerCityCodes", "Strand", "Level",
                               "CooperationKind", "WishedItems", "OfferedItems", "PlannedActivities", "FiscalYear", "SpentAmount", "Revision",
                               "CreatedBy", "CreatedAt", "ApprovedAmount", "RequestedAmount", "Currency", "MatchedItems")
        select p.pid,
               format('FY%s %s #%s', p.fy, (array['PM2.5 monitoring','VOC control','Waste-water treatment','Low-carbon city planning','Energy-saving buildings','Solid-waste recycling'])[1 + p.n % 6], p.n),
               'Bulk-loaded by tests/CityCoop.Benchmarks (list phase).',
               p.city, p.country, p.partners,
               case when p.n % 4 = 0 then 'Enterprise' else 'GovernmentStaff' end,
               case when p.n % 7 = 0 then 'Central' else 'Local' end,
               (array['New','Strengthened','Continuing'])[1 + p.n % 3],
               array['PM2.5 source apportionment','VOC control'],
               case when p.stage >= 3 then array['Air monitoring know-how'] else '{}' end,
               '{}',
               p.fy,
               case when p.stage = 4 then 2000000 else 0 end,
               p.stage + 2,
               coalesce(u."Id", (select "Id" from "AspNetUsers" where "Email" = 'shanghai@demo.citycoop.example')),
               p.created,
               case when p.stage = 4 then 2500000 end,
               p.requested, 'JPY',
               case when p.stage >= 3 then '[{"WishedItem": "PM2.5 source apportionment", "OfferedItem": "Air monitoring know-how"}]'::jsonb else '[]'::jsonb end
        from bench_p p left join "AspNetUsers" u on u."Email" = p.city || '@demo.citycoop.example';

        insert into workflow_instances ("Id", "DefinitionId", "Version", "CurrentState", "Revision", "StartedAt", "SubjectId", "SubjectType")
        select p.iid, 'cooperation-proposal',
               (select max("Version") from workflow_definitions where "DefinitionId" = 'cooperation-proposal'),
               p.state, p.stage * 2 + (case when p.ended then 1 else 0 end), p.created, p.pid, 'proposal'
        from bench_p p;

        insert into workflow_tasks ("Id", "TaskName", "State", "Role", "Scope", "OrganizationCode", "OpenedAt", "DueAt", "ClosedAt", "ClosedByAction", "InstanceId", "DueDates", "IsStanding")
        select gen_random_uuid(), t.task, t.state, t.role, t.scope,
               case t.org when 'city' then 'city:' || p.city else t.org end,
               o.opened, d.due,
               case when t.stage < p.stage or p.ended then o.opened + interval '2 days' end,
               case when t.stage < p.stage then t.action
                    when p.ended then (case p.state when 'closed' then 'close' when 'declined' then 'decline' when 'rejected' then 'reject' else 'withdraw' end) end,
               p.iid,
               case when d.due is null then '[]'
                    else format('[%s]', j.places) end,
               t.task = 'amend-funding'
        from bench_p p
        join (values
                (1, 'prepare-proposal', 'draft', 'city', 'proposal-city', 'city', 'submit', 0, false),
                (2, 'follow-matching', 'platform-matching', 'city', 'proposal-city', 'city', 'match', 0, false),
                (2, 'match-proposal', 'platform-matching', 'platform', 'platform-any', null, 'match', 28, true),
                (3, 'approve-funding', 'ministry-approval', 'ministry', 'ministry-jp', 'ministry:jp', 'approve', 14, false),
                (3, 'follow-approval', 'ministry-approval', 'city', 'proposal-city', 'city', 'approve', 0, false),
                (4, 'execute-funds', 'fund-execution', 'platform', 'platform-any', null, 'close', -1, true),
                (4, 'amend-funding', 'fund-execution', 'ministry', 'ministry-jp', 'ministry:jp', 'close', 0, false))
             as t(stage, task, state, role, scope, org, action, due_days, both_places)
          on t.stage <= p.stage
        cross join lateral (select p.created + (t.stage - 1) * interval '2 days' as opened) o
        cross join lateral (
            select case when t.due_days > 0 then date_trunc('day', o.opened) + t.due_days * interval '1 day' + interval '15 hours'
                        when t.due_days < 0 then make_timestamptz(p.fy + 1, 4, 1, 0, 0, 0, 'Asia/Tokyo') end as due) d
        cross join lateral (
            select concat_ws(',',
                       format('{"place":"JP","at":"%s","provisionalYear":null,"isProvisional":false}', to_char(d.due at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"+00:00"')),
                       case when t.both_places then format('{"place":"CN","at":"%s","provisionalYear":null,"isProvisional":false}', to_char(d.due at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"+00:00"')) end)
                   as places) j;
        """;
}
