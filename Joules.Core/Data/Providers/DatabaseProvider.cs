namespace Joules.Core.Data.Providers;

/// <summary>Database engines Core runs on, chosen with <c>Database:Provider</c>.</summary>
public enum DatabaseProvider { Sqlite, PostgreSql, SqlServer }

/// <summary>The <c>Database</c> section of appsettings.json.</summary>
public sealed class DatabaseOptions
{
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;
    /// <summary>Connection string; for SQLite defaults to a file in the data folder.</summary>
    public string? ConnectionString { get; set; }
}
