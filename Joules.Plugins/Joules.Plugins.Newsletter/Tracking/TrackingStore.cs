using System.Data.Common;
using Joules.Plugins.Newsletter.Analytics;
using Joules.Plugins.Newsletter.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Joules.Plugins.Newsletter.Tracking;

/// <summary>Stores opens and clicks durably: raw events plus the roll-ups (daily stats, link stats, unique activity) in
/// one transaction. Used by the tracking writer and by the demo history.</summary>
/// <remarks>
/// Counting rules (docs/newsletter.md, "Tracking"):
/// <list type="bullet">
/// <item>Every hit is stored raw in <c>TrackingEvents</c>.</item>
/// <item>Machine hits count only in <see cref="StatMetric.MachineOpen"/>/<see cref="StatMetric.MachineClick"/> and
/// <see cref="LinkStat.Machine"/>.</item>
/// <item>Human hits count in the totals (<see cref="StatMetric.OpenTotal"/>, <see cref="StatMetric.ClickTotal"/>,
/// <see cref="LinkStat.Total"/>); anonymous ones (no subscriber: no tracking consent) only there.</item>
/// <item>A human hit of a known subscriber is unique when it is the first open / first click of that subscriber in the
/// campaign (<see cref="RecipientActivity"/>) or the first click on that link (<see cref="RecipientLinkClick"/>); the
/// database decides with insert-or-ignore, so concurrent writers cannot count twice.</item>
/// </list>
/// One writer at a time per store (a long-lived connection with prepared multi-row statements).
/// </remarks>
public sealed class TrackingStore(IServiceScopeFactory scopes) : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Session? _session;

    public async Task WriteAsync(IReadOnlyList<TrackingHit> hits, CancellationToken ct = default)
    {
        if (hits.Count == 0) return;
        await _gate.WaitAsync(ct);
        try
        {
            var session = _session ??= await Session.OpenAsync(scopes, ct);
            try
            {
                await session.WriteAsync(hits, ct);
            }
            catch
            {
                // A broken connection or statement is not reused.
                _session = null;
                await session.DisposeAsync();
                throw;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (_session is { } session) await session.DisposeAsync();
            _session = null;
        }
        finally
        {
            _gate.Release();
        }
    }

    private sealed class Session : IAsyncDisposable
    {
        private readonly AsyncServiceScope _scope;
        private readonly NewsletterDb _db;
        private readonly DbConnection _connection;
        private readonly SqlDialect _sql;
        private readonly Statement _events;
        private readonly Statement _firstOpen;
        private readonly Statement _firstClick;
        private readonly Statement _linkClicks;
        private readonly Statement _linkStats;

        private Session(AsyncServiceScope scope, NewsletterDb db)
        {
            _scope = scope;
            _db = db;
            _connection = db.Database.GetDbConnection();
            _sql = SqlDialect.For(db);
            _events = new Statement(_sql, 8, EventsSql);
            _firstOpen = new Statement(_sql, 4, rows => FirstActivitySql(rows, "FirstOpenAt"));
            _firstClick = new Statement(_sql, 4, rows => FirstActivitySql(rows, "FirstClickAt"));
            _linkClicks = new Statement(_sql, 3, LinkClicksSql);
            _linkStats = new Statement(_sql, 6, LinkStatsSql);
        }

        public static async Task<Session> OpenAsync(IServiceScopeFactory scopes, CancellationToken ct)
        {
            var scope = scopes.CreateAsyncScope();
            try
            {
                var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<NewsletterDb>>().CreateDbContextAsync(ct);
                await db.Database.OpenConnectionAsync(ct);
                if (SqlDialect.For(db).Provider == SqlDialect.Kind.Sqlite)
                {
                    // Like the host's own connections: wait for the write lock instead of failing, and with WAL sync the
                    // log at checkpoints (a committed hit survives a crash of the process; see docs/newsletter.md).
                    // A larger page cache for this one long-lived connection keeps the unique-activity indexes in memory.
                    await db.Database.ExecuteSqlRawAsync("PRAGMA busy_timeout = 30000; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -65536;", ct);
                }
                return new Session(scope, db);
            }
            catch
            {
                await scope.DisposeAsync();
                throw;
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (_eventsJson is not null) await _eventsJson.DisposeAsync();
            await _events.DisposeAsync();
            await _firstOpen.DisposeAsync();
            await _firstClick.DisposeAsync();
            await _linkClicks.DisposeAsync();
            await _linkStats.DisposeAsync();
            await _db.DisposeAsync();
            await _scope.DisposeAsync();
        }

        public async Task WriteAsync(IReadOnlyList<TrackingHit> hits, CancellationToken ct)
        {
            // Uniqueness candidates: the earliest human hit of a known subscriber per key in this batch.
            var opens = new Dictionary<(long Campaign, long Subscriber), TrackingHit>();
            var clicks = new Dictionary<(long Campaign, long Subscriber), TrackingHit>();
            var linkClicks = new Dictionary<(long Campaign, long Subscriber, int Link), TrackingHit>();
            var links = new Dictionary<(long Campaign, byte Variant, int Link), LinkCounts>();
            var deltas = new List<StatDelta>(16);
            foreach (var hit in hits)
            {
                var known = hit.SubscriberId is > 0 && !hit.Machine;
                if (hit.Kind == TrackingKind.Open)
                {
                    deltas.Add(StatCounter.At(hit.At, hit.BrandId, hit.Machine ? StatMetric.MachineOpen : StatMetric.OpenTotal, hit.CampaignId));
                    if (known) KeepEarliest(opens, (hit.CampaignId, hit.SubscriberId!.Value), hit);
                    continue;
                }
                deltas.Add(StatCounter.At(hit.At, hit.BrandId, hit.Machine ? StatMetric.MachineClick : StatMetric.ClickTotal, hit.CampaignId));
                if (hit.LinkIndex is { } link)
                {
                    var key = (hit.CampaignId, hit.Variant, link);
                    links.TryGetValue(key, out var counts);
                    links[key] = hit.Machine ? counts with { Machine = counts.Machine + 1 } : counts with { Total = counts.Total + 1 };
                    if (known) KeepEarliest(linkClicks, (hit.CampaignId, hit.SubscriberId!.Value, link), hit);
                }
                if (known) KeepEarliest(clicks, (hit.CampaignId, hit.SubscriberId!.Value), hit);
            }

            await using var transaction = await _db.Database.BeginTransactionAsync(ct);
            var tx = transaction.GetDbTransaction();
            if (_sql.Provider == SqlDialect.Kind.Sqlite) await InsertEventsAsJsonAsync(hits, tx, ct);
            else await _events.ExecuteAsync(_connection, tx, hits, BindEvent, null, ct);

            var openRows = opens.Values.ToList();
            await _firstOpen.ExecuteAsync(_connection, tx, openRows, BindActivity, reader =>
            {
                var hit = opens[(reader.GetInt64(0), reader.GetInt64(1))];
                deltas.Add(StatCounter.At(hit.At, hit.BrandId, StatMetric.OpenUnique, hit.CampaignId));
            }, ct);
            var clickRows = clicks.Values.ToList();
            await _firstClick.ExecuteAsync(_connection, tx, clickRows, BindActivity, reader =>
            {
                var hit = clicks[(reader.GetInt64(0), reader.GetInt64(1))];
                deltas.Add(StatCounter.At(hit.At, hit.BrandId, StatMetric.ClickUnique, hit.CampaignId));
            }, ct);
            var linkRows = linkClicks.Values.ToList();
            await _linkClicks.ExecuteAsync(_connection, tx, linkRows, BindLinkClick, reader =>
            {
                var hit = linkClicks[(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt32(2))];
                var key = (hit.CampaignId, hit.Variant, hit.LinkIndex!.Value);
                var counts = links[key];
                links[key] = counts with { Unique = counts.Unique + 1 };
            }, ct);
            await _linkStats.ExecuteAsync(_connection, tx, links.ToList(), BindLinkStat, null, ct);
            await StatCounter.AddAsync(_db, deltas, ct);
            await transaction.CommitAsync(ct);
        }

        private DbCommand? _eventsJson;

        /// <summary>SQLite: the batch's raw events as one JSON array in one parameter, unpacked by <c>json_each</c> — binding
        /// eight named parameters per event costs more than the insert itself (SQLite finds a parameter by name with a
        /// linear search).</summary>
        private async Task InsertEventsAsJsonAsync(IReadOnlyList<TrackingHit> hits, DbTransaction tx, CancellationToken ct)
        {
            if (_eventsJson is null)
            {
                var columns = new[] { "BrandId", "CampaignId", "SubscriberId", "Kind", "LinkIndex", "Variant", "Machine", "At" };
                _eventsJson = _connection.CreateCommand();
                _eventsJson.CommandText = $"INSERT INTO {_sql.Quote(SqlDialect.Table<TrackingEvent>(_db))} ({Columns(columns)}) "
                    + "SELECT " + string.Join(", ", columns.Select((_, i) => $"e.value ->> {i}")) + " FROM json_each(@events) AS e";
                var parameter = _eventsJson.CreateParameter();
                parameter.ParameterName = "@events";
                _eventsJson.Parameters.Add(parameter);
            }
            // Non-negative integers: StringBuilder writes them straight into its buffer with ASCII digits in every culture.
            var json = new System.Text.StringBuilder(hits.Count * 80 + 2);
            json.Append('[');
            foreach (var hit in hits)
            {
                if (json.Length > 1) json.Append(',');
                json.Append("[\"").Append((string)_sql.Guid(hit.BrandId)).Append("\",").Append(hit.CampaignId).Append(',');
                if (hit.SubscriberId is > 0) json.Append(hit.SubscriberId.Value); else json.Append("null");
                json.Append(',').Append((int)hit.Kind).Append(',');
                if (hit.LinkIndex is { } link) json.Append(link); else json.Append("null");
                json.Append(',').Append(hit.Variant).Append(',').Append(hit.Machine ? '1' : '0').Append(',').Append(hit.At.UtcTicks).Append(']');
            }
            json.Append(']');
            _eventsJson.Transaction = tx;
            _eventsJson.Parameters[0].Value = json.ToString();
            await _eventsJson.ExecuteNonQueryAsync(ct);
        }

        private static void KeepEarliest<TKey>(Dictionary<TKey, TrackingHit> map, TKey key, TrackingHit hit) where TKey : notnull
        {
            if (!map.TryGetValue(key, out var existing) || hit.At < existing.At) map[key] = hit;
        }

        private void BindEvent(TrackingHit hit, DbParameter[] p, int at)
        {
            p[at].Value = _sql.Guid(hit.BrandId);
            p[at + 1].Value = hit.CampaignId;
            p[at + 2].Value = hit.SubscriberId is > 0 ? hit.SubscriberId.Value : DBNull.Value;
            p[at + 3].Value = (int)hit.Kind;
            p[at + 4].Value = hit.LinkIndex is { } link ? link : DBNull.Value;
            p[at + 5].Value = _sql.Byte(hit.Variant);
            p[at + 6].Value = _sql.Bool(hit.Machine);
            p[at + 7].Value = hit.At.UtcTicks;
        }

        private void BindActivity(TrackingHit hit, DbParameter[] p, int at)
        {
            p[at].Value = hit.CampaignId;
            p[at + 1].Value = hit.SubscriberId!.Value;
            p[at + 2].Value = _sql.Byte(hit.Variant);
            p[at + 3].Value = hit.At.UtcTicks;
        }

        private static void BindLinkClick(TrackingHit hit, DbParameter[] p, int at)
        {
            p[at].Value = hit.CampaignId;
            p[at + 1].Value = hit.SubscriberId!.Value;
            p[at + 2].Value = hit.LinkIndex!.Value;
        }

        private void BindLinkStat(KeyValuePair<(long Campaign, byte Variant, int Link), LinkCounts> row, DbParameter[] p, int at)
        {
            p[at].Value = row.Key.Campaign;
            p[at + 1].Value = _sql.Byte(row.Key.Variant);
            p[at + 2].Value = row.Key.Link;
            p[at + 3].Value = row.Value.Total;
            p[at + 4].Value = row.Value.Unique;
            p[at + 5].Value = row.Value.Machine;
        }

        private string Columns(params string[] names) => string.Join(", ", names.Select(_sql.Quote));

        private string EventsSql(int rows) =>
            $"INSERT INTO {_sql.Quote(SqlDialect.Table<TrackingEvent>(_db))} ({Columns("BrandId", "CampaignId", "SubscriberId", "Kind", "LinkIndex", "Variant", "Machine", "At")}) VALUES "
            + Statement.Values(rows, 8);

        /// <summary>Sets the first open (or click) of each subscriber unless already set; returns the keys that were set.</summary>
        private string FirstActivitySql(int rows, string column)
        {
            var table = _sql.Quote(SqlDialect.Table<RecipientActivity>(_db));
            if (_sql.IsSqlServer)
                return $"MERGE {table} WITH (HOLDLOCK) AS t USING (VALUES {Statement.Values(rows, 4)}) AS s (CampaignId, SubscriberId, Variant, At) " +
                       "ON t.CampaignId = s.CampaignId AND t.SubscriberId = s.SubscriberId " +
                       $"WHEN MATCHED AND t.{column} IS NULL THEN UPDATE SET {column} = s.At " +
                       $"WHEN NOT MATCHED THEN INSERT (CampaignId, SubscriberId, Variant, {column}) VALUES (s.CampaignId, s.SubscriberId, s.Variant, s.At) " +
                       "OUTPUT inserted.CampaignId, inserted.SubscriberId;";
            var q = _sql.Quote(column);
            return $"INSERT INTO {table} ({Columns("CampaignId", "SubscriberId", "Variant", column)}) VALUES {Statement.Values(rows, 4)} " +
                   $"ON CONFLICT ({Columns("CampaignId", "SubscriberId")}) DO UPDATE SET {q} = excluded.{q} WHERE {table}.{q} IS NULL " +
                   $"RETURNING {Columns("CampaignId", "SubscriberId")}";
        }

        private string LinkClicksSql(int rows)
        {
            var table = _sql.Quote(SqlDialect.Table<RecipientLinkClick>(_db));
            if (_sql.IsSqlServer)
                return $"MERGE {table} WITH (HOLDLOCK) AS t USING (VALUES {Statement.Values(rows, 3)}) AS s (CampaignId, SubscriberId, LinkIndex) " +
                       "ON t.CampaignId = s.CampaignId AND t.SubscriberId = s.SubscriberId AND t.LinkIndex = s.LinkIndex " +
                       "WHEN NOT MATCHED THEN INSERT (CampaignId, SubscriberId, LinkIndex) VALUES (s.CampaignId, s.SubscriberId, s.LinkIndex) " +
                       "OUTPUT inserted.CampaignId, inserted.SubscriberId, inserted.LinkIndex;";
            var columns = Columns("CampaignId", "SubscriberId", "LinkIndex");
            return $"INSERT INTO {table} ({columns}) VALUES {Statement.Values(rows, 3)} ON CONFLICT ({columns}) DO NOTHING RETURNING {columns}";
        }

        private string LinkStatsSql(int rows)
        {
            var table = _sql.Quote(SqlDialect.Table<LinkStat>(_db));
            if (_sql.IsSqlServer)
                return $"MERGE {table} WITH (HOLDLOCK) AS t USING (VALUES {Statement.Values(rows, 6)}) AS s (CampaignId, Variant, LinkIndex, Total, [Unique], Machine) " +
                       "ON t.CampaignId = s.CampaignId AND t.Variant = s.Variant AND t.LinkIndex = s.LinkIndex " +
                       "WHEN MATCHED THEN UPDATE SET Total = t.Total + s.Total, [Unique] = t.[Unique] + s.[Unique], Machine = t.Machine + s.Machine " +
                       "WHEN NOT MATCHED THEN INSERT (CampaignId, Variant, LinkIndex, Total, [Unique], Machine) VALUES (s.CampaignId, s.Variant, s.LinkIndex, s.Total, s.[Unique], s.Machine);";
            string Add(string c) => $"{_sql.Quote(c)} = {table}.{_sql.Quote(c)} + excluded.{_sql.Quote(c)}";
            return $"INSERT INTO {table} ({Columns("CampaignId", "Variant", "LinkIndex", "Total", "Unique", "Machine")}) VALUES {Statement.Values(rows, 6)} " +
                   $"ON CONFLICT ({Columns("CampaignId", "Variant", "LinkIndex")}) DO UPDATE SET {Add("Total")}, {Add("Unique")}, {Add("Machine")}";
        }
    }

    private readonly record struct LinkCounts(long Total, long Unique, long Machine);

    /// <summary>A multi-row statement: full chunks reuse one prepared command, the remainder gets its own.</summary>
    private sealed class Statement(SqlDialect sql, int columns, Func<int, string> text) : IAsyncDisposable
    {
        // Microsoft.Data.Sqlite binds every parameter by name, and SQLite finds a name by a linear search over the
        // statement's parameters: binding costs grow with the square of the parameters per statement. About 128
        // parameters per statement is the sweet spot there; the other providers bind by position.
        private readonly int _chunk = sql.Provider == SqlDialect.Kind.Sqlite ? Math.Max(1, 128 / columns) : Math.Min(500, sql.MaxParameters / columns);
        private (DbCommand Command, DbParameter[] Parameters)? _full;

        public static string Values(int rows, int columns)
        {
            var sb = new System.Text.StringBuilder(rows * columns * 8);
            for (var r = 0; r < rows; r++)
            {
                if (r > 0) sb.Append(',');
                sb.Append('(');
                for (var c = 0; c < columns; c++)
                {
                    if (c > 0) sb.Append(',');
                    sb.Append("@p").Append(r * columns + c);
                }
                sb.Append(')');
            }
            return sb.ToString();
        }

        public async Task ExecuteAsync<T>(DbConnection connection, DbTransaction tx, IReadOnlyList<T> rows, Action<T, DbParameter[], int> bind,
            Action<DbDataReader>? read, CancellationToken ct)
        {
            for (var start = 0; start < rows.Count; start += _chunk)
            {
                var count = Math.Min(_chunk, rows.Count - start);
                (DbCommand Command, DbParameter[] Parameters) command;
                if (count == _chunk)
                {
                    if (_full is null || _full.Value.Command.Connection != connection)
                    {
                        if (_full is { } stale) await stale.Command.DisposeAsync();
                        _full = Create(connection, count);
                    }
                    command = _full.Value;
                }
                else
                {
                    command = Create(connection, count);
                }
                try
                {
                    command.Command.Transaction = tx;
                    for (var i = 0; i < count; i++) bind(rows[start + i], command.Parameters, i * columns);
                    if (read is null)
                    {
                        await command.Command.ExecuteNonQueryAsync(ct);
                    }
                    else
                    {
                        await using var reader = await command.Command.ExecuteReaderAsync(ct);
                        while (await reader.ReadAsync(ct)) read(reader);
                    }
                }
                finally
                {
                    if (count != _chunk) await command.Command.DisposeAsync();
                }
            }
        }

        private (DbCommand, DbParameter[]) Create(DbConnection connection, int rows)
        {
            var command = connection.CreateCommand();
            command.CommandText = text(rows);
            var parameters = new DbParameter[rows * columns];
            for (var i = 0; i < parameters.Length; i++)
            {
                var p = command.CreateParameter();
                p.ParameterName = "@p" + i;
                parameters[i] = p;
                command.Parameters.Add(p);
            }
            return (command, parameters);
        }

        public async ValueTask DisposeAsync()
        {
            if (_full is { } full) await full.Command.DisposeAsync();
            _full = null;
        }
    }
}
