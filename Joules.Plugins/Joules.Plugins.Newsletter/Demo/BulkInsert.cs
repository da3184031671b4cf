using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Joules.Plugins.Newsletter.Demo;

/// <summary>Multi-row INSERTs for the demo load (thousands of rows in well under a second, where tracked entities take
/// seconds). Table and column names and value conversions (ticks, enums) come from the EF model, so the rows look exactly
/// as EF would write them; the statements run in the caller's transaction.</summary>
internal static class BulkInsert
{
    private const int MaxParameters = 2000;

    public static async Task RunAsync<T>(DbContext db, IReadOnlyCollection<T> rows, CancellationToken ct, params string[] properties) where T : class
    {
        if (rows.Count == 0) return;
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var mapped = properties.Select(name => entity.FindProperty(name) ?? throw new InvalidOperationException($"{typeof(T).Name}.{name} is not mapped.")).ToList();
        var sqlServer = (db.Database.ProviderName ?? "").Contains("SqlServer", StringComparison.Ordinal);
        string Quote(string name) => sqlServer ? $"[{name}]" : $"\"{name}\"";
        var head = $"INSERT INTO {Quote(table.Name)} ({string.Join(", ", mapped.Select(p => Quote(p.GetColumnName(table)!)))}) VALUES ";
        var perStatement = Math.Max(1, MaxParameters / mapped.Count);
        foreach (var chunk in rows.Chunk(perStatement))
        {
            var sql = new StringBuilder(head);
            var values = new List<object?>(chunk.Length * mapped.Count);
            for (var r = 0; r < chunk.Length; r++)
            {
                sql.Append(r == 0 ? "(" : ", (");
                for (var c = 0; c < mapped.Count; c++)
                {
                    if (c > 0) sql.Append(", ");
                    var value = mapped[c].GetGetter().GetClrValue(chunk[r]);
                    if (value is null)
                    {
                        sql.Append("NULL");
                        continue;
                    }
                    var converter = mapped[c].GetValueConverter() ?? mapped[c].GetTypeMapping().Converter;
                    if (converter is not null) value = converter.ConvertToProvider(value);
                    else if (value is Enum) value = Convert.ToInt32(value, CultureInfo.InvariantCulture);
                    sql.Append('{').Append(values.Count.ToString(CultureInfo.InvariantCulture)).Append('}');
                    values.Add(value);
                }
                sql.Append(')');
            }
#pragma warning disable EF1003 // names come from the model; the values are parameters
            await db.Database.ExecuteSqlRawAsync(sql.ToString(), values!, ct);
#pragma warning restore EF1003
        }
    }
}
