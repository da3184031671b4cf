using System.Data.Common;
using Joules.Plugins.Newsletter.Model;
using Microsoft.EntityFrameworkCore;

namespace Joules.Plugins.Newsletter.Tracking;

/// <summary>The few differences between SQLite, PostgreSQL and SQL Server the raw tracking statements need: quoting,
/// parameter limits and how EF Core stores Guid and DateOnly values (SQLite: upper-case text and yyyy-MM-dd).</summary>
internal sealed class SqlDialect
{
    public enum Kind { Sqlite, PostgreSql, SqlServer }

    private SqlDialect(Kind kind) => Provider = kind;

    public Kind Provider { get; }

    public bool IsSqlServer => Provider == Kind.SqlServer;

    public static SqlDialect For(NewsletterDb db)
    {
        var name = db.Database.ProviderName ?? "";
        return new SqlDialect(name.Contains("Sqlite", StringComparison.Ordinal) ? Kind.Sqlite
            : name.Contains("Npgsql", StringComparison.Ordinal) ? Kind.PostgreSql
            : Kind.SqlServer);
    }

    /// <summary>Most parameters one statement may carry (SQLite 32766, PostgreSQL 65535, SQL Server 2100), with room.</summary>
    public int MaxParameters => Provider switch { Kind.Sqlite => 30_000, Kind.PostgreSql => 60_000, _ => 2_000 };

    public string Quote(string name) => IsSqlServer ? $"[{name}]" : $"\"{name}\"";

    public static string Table<T>(NewsletterDb db) => db.Model.FindEntityType(typeof(T))!.GetTableName()!;

    public object Guid(Guid value) => Provider == Kind.Sqlite ? value.ToString().ToUpperInvariant() : value;

    public object Day(DateOnly value) => Provider == Kind.Sqlite ? value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : value;

    public object Bool(bool value) => Provider == Kind.Sqlite ? (value ? 1L : 0L) : value;

    public object Byte(byte value) => Provider == Kind.SqlServer ? value : (short)value;

    public static DateOnly ReadDay(DbDataReader reader, int ordinal) => reader.GetValue(ordinal) switch
    {
        string s => DateOnly.ParseExact(s, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        DateOnly d => d,
        DateTime dt => DateOnly.FromDateTime(dt),
        var other => throw new InvalidOperationException($"Unexpected day value {other}."),
    };
}
