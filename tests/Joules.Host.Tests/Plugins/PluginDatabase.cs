using Microsoft.Data.Sqlite;

namespace Joules.Host.Tests.Plugins;

/// <summary>Reads a host's SQLite file directly, as an independent witness of what plugins wrote.</summary>
internal static class PluginDatabase
{
    public static async Task<bool> TableExistsAsync(string dataFolder, string table)
    {
        await using var connection = Open(dataFolder);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = $name";
        command.Parameters.AddWithValue("$name", table);
        return (long)(await command.ExecuteScalarAsync())! == 1;
    }

    public static async Task<long> CountNotesAsync(string dataFolder, string sourcePrefix)
    {
        await using var connection = Open(dataFolder);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM joules_test_notes_Notes WHERE Source LIKE $prefix";
        command.Parameters.AddWithValue("$prefix", sourcePrefix + "%");
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static SqliteConnection Open(string dataFolder)
    {
        var connection = new SqliteConnection($"Data Source={Path.Combine(dataFolder, "joules.db")};Mode=ReadOnly;Pooling=False");
        connection.Open();
        return connection;
    }
}
