using System.Data;
using System.Data.Common;
using System.Linq.Expressions;
using Joules.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Joules.Core.Transfers;

/// <summary>Inserts many rows of one entity type with a single prepared INSERT re-executed with new parameter
/// values, on the context's connection and transaction. The statement is built from the EF model (table,
/// column names, complex properties such as addresses) and values pass through each property's value
/// converter and type mapping, so rows read back through EF exactly as if EF had written them, on any provider.
/// It bypasses change tracking: no audit rows and no domain events are written for the rows.</summary>
internal sealed class BulkInserter<T> : IDisposable where T : class
{
    private readonly DbCommand _command;
    private readonly Column[] _columns;

    private sealed record Column(Func<T, object?> Get, ValueConverter? Converter, DbParameter Parameter);

    public BulkInserter(JoulesDbContext db, DbTransaction transaction)
    {
        var entityType = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped.");
        var table = entityType.GetTableName() ?? throw new InvalidOperationException($"{typeof(T).Name} has no table.");
        var store = StoreObjectIdentifier.Table(table, entityType.GetSchema());
        var sql = db.GetService<ISqlGenerationHelper>();
        _command = transaction.Connection!.CreateCommand();
        _command.Transaction = transaction;

        var entity = Expression.Parameter(typeof(T), "e");
        var columns = new List<Column>();
        var names = new List<string>();
        var placeholders = new List<string>();
        void Add(IProperty property, Expression owner, Expression? nullCheck)
        {
            if (property.IsShadowProperty() || property.ValueGenerated == ValueGenerated.OnAdd && property.IsKey() && property.ClrType != typeof(Guid))
                return;
            var member = property.PropertyInfo is { } pi ? Expression.Property(owner, pi) : Expression.Field(owner, property.FieldInfo!);
            Expression value = Expression.Convert(member, typeof(object));
            if (nullCheck is not null)
                value = Expression.Condition(Expression.Equal(nullCheck, Expression.Constant(null)), Expression.Constant(null), value);
            var mapping = (RelationalTypeMapping)property.GetRelationalTypeMapping();
            var name = "p" + columns.Count;
            var parameter = mapping.CreateParameter(_command, sql.GenerateParameterName(name), null, nullable: true);
            placeholders.Add(sql.GenerateParameterNamePlaceholder(name));
            _command.Parameters.Add(parameter);
            columns.Add(new Column(Expression.Lambda<Func<T, object?>>(value, entity).Compile(), mapping.Converter, parameter));
            names.Add(sql.DelimitIdentifier(property.GetColumnName(store)!));
        }

        foreach (var property in entityType.GetProperties()) Add(property, entity, null);
        foreach (var complex in entityType.GetComplexProperties())
        {
            var owner = Expression.Property(entity, complex.PropertyInfo!);
            foreach (var property in complex.ComplexType.GetProperties())
                Add(property, owner, complex.IsNullable ? owner : null);
        }
        _columns = [.. columns];
        _command.CommandText = $"INSERT INTO {sql.DelimitIdentifier(table, entityType.GetSchema())} ({string.Join(", ", names)}) VALUES ({string.Join(", ", placeholders)})";
        _command.Prepare();
    }

    /// <summary>Number of columns written per row.</summary>
    public int ColumnCount => _columns.Length;

    /// <summary>Writes one row.</summary>
    public void Insert(T row)
    {
        foreach (var column in _columns)
        {
            var value = column.Get(row);
            if (value is not null && column.Converter is { } converter) value = converter.ConvertToProvider(value);
            column.Parameter.Value = value ?? DBNull.Value;
        }
        _command.ExecuteNonQuery();
    }

    public void Dispose() => _command.Dispose();
}
