using System.Data.Common;
using System.Linq.Expressions;
using Joules.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Joules.Core.Transfers;

/// <summary>Inserts many rows of one entity type with prepared INSERT statements re-executed with new parameter
/// values, on the context's connection and transaction. Rows are sent in batches (one multi-row VALUES statement,
/// prepared once) plus a single-row statement for the remainder. The statements are built from the EF model (table,
/// column names, complex properties such as addresses) and values pass through each property's value converter and
/// type mapping, so rows read back through EF exactly as if EF had written them, on any relational provider.
/// It bypasses change tracking: no audit rows and no domain events are written for the rows.</summary>
internal sealed class BulkInserter<T> : IDisposable where T : class
{
    /// <summary>Parameters per statement stay below SQL Server's limit of 2,100.</summary>
    private const int MaxParameters = 2000;
    /// <summary>Rows per statement on server databases, where round trips dominate. On SQLite (in-process, and
    /// Microsoft.Data.Sqlite binds parameters by name with a linear lookup) a prepared single-row statement is fastest.</summary>
    private const int MaxBatch = 20;

    private readonly Column[] _columns;
    private readonly Statement _batch;
    private readonly Statement _single;
    private readonly T[] _pending;
    private int _count;

    /// <summary>A column: <see cref="Get"/> returns the provider value (the property's value converter compiled in).</summary>
    private sealed record Column(Func<T, object?> Get, RelationalTypeMapping Mapping, string Name);

    private sealed class Statement(DbCommand command, DbParameter[] parameters) : IDisposable
    {
        public DbCommand Command { get; } = command;
        public DbParameter[] Parameters { get; } = parameters;
        public void Dispose() => Command.Dispose();
    }

    public BulkInserter(JoulesDbContext db, DbTransaction transaction)
    {
        var entityType = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped.");
        var table = entityType.GetTableName() ?? throw new InvalidOperationException($"{typeof(T).Name} has no table.");
        var store = StoreObjectIdentifier.Table(table, entityType.GetSchema());
        var sql = db.GetService<ISqlGenerationHelper>();

        var entity = Expression.Parameter(typeof(T), "e");
        var columns = new List<Column>();
        void Add(IProperty property, Expression owner, Expression? nullCheck)
        {
            if (property.IsShadowProperty() || property.ValueGenerated == ValueGenerated.OnAdd && property.IsKey() && property.ClrType != typeof(Guid))
                return;
            var member = property.PropertyInfo is { } pi ? Expression.Property(owner, pi) : Expression.Field(owner, property.FieldInfo!);
            var mapping = (RelationalTypeMapping)property.GetRelationalTypeMapping();
            Expression value;
            if (mapping.Converter is { } converter)
            {
                // Same as converter.ConvertToProvider(object): null stays null, other values are converted, with one boxing.
                var convert = converter.ConvertToProviderExpression;
                var input = convert.Parameters[0].Type == member.Type ? (Expression)member : Expression.Convert(member, convert.Parameters[0].Type);
                value = Expression.Convert(Expression.Invoke(convert, input), typeof(object));
                if (!member.Type.IsValueType || Nullable.GetUnderlyingType(member.Type) is not null)
                    value = Expression.Condition(Expression.Equal(member, Expression.Constant(null, member.Type)), Expression.Constant(null), value);
            }
            else value = Expression.Convert(member, typeof(object));
            if (nullCheck is not null)
                value = Expression.Condition(Expression.Equal(nullCheck, Expression.Constant(null)), Expression.Constant(null), value);
            columns.Add(new Column(Expression.Lambda<Func<T, object?>>(value, entity).Compile(), mapping,
                sql.DelimitIdentifier(property.GetColumnName(store)!)));
        }
        foreach (var property in entityType.GetProperties()) Add(property, entity, null);
        foreach (var complex in entityType.GetComplexProperties())
        {
            var owner = Expression.Property(entity, complex.PropertyInfo!);
            foreach (var property in complex.ComplexType.GetProperties())
                Add(property, owner, complex.IsNullable ? owner : null);
        }
        _columns = [.. columns];

        var head = $"INSERT INTO {sql.DelimitIdentifier(table, entityType.GetSchema())} ({string.Join(", ", _columns.Select(c => c.Name))}) VALUES ";
        var batchSize = db.Database.IsSqlite() ? 1 : Math.Max(1, Math.Min(MaxBatch, MaxParameters / _columns.Length));
        _pending = new T[batchSize];
        _batch = Prepare(transaction, sql, head, batchSize);
        _single = batchSize == 1 ? _batch : Prepare(transaction, sql, head, 1);
    }

    private Statement Prepare(DbTransaction transaction, ISqlGenerationHelper sql, string head, int rows)
    {
        var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        var parameters = new DbParameter[rows * _columns.Length];
        var text = new System.Text.StringBuilder(head);
        for (var r = 0; r < rows; r++)
        {
            text.Append(r == 0 ? "(" : ", (");
            for (var c = 0; c < _columns.Length; c++)
            {
                var name = $"p{r}_{c}";
                if (c > 0) text.Append(", ");
                text.Append(sql.GenerateParameterNamePlaceholder(name));
                var parameter = _columns[c].Mapping.CreateParameter(command, sql.GenerateParameterName(name), null, nullable: true);
                command.Parameters.Add(parameter);
                parameters[r * _columns.Length + c] = parameter;
            }
            text.Append(')');
        }
        command.CommandText = text.ToString();
        command.Prepare();
        return new Statement(command, parameters);
    }

    /// <summary>Queues one row; it is written when the batch is full or on <see cref="Flush"/>.</summary>
    public void Insert(T row)
    {
        _pending[_count++] = row;
        if (_count == _pending.Length)
        {
            Execute(_batch, _count);
            _count = 0;
        }
    }

    /// <summary>Writes the queued rows.</summary>
    public void Flush()
    {
        for (var i = 0; i < _count; i++)
        {
            _pending[0] = _pending[i];
            Execute(_single, 1);
        }
        _count = 0;
    }

    private void Execute(Statement statement, int rows)
    {
        var p = 0;
        for (var r = 0; r < rows; r++)
        {
            var row = _pending[r];
            foreach (var column in _columns) statement.Parameters[p++].Value = column.Get(row) ?? DBNull.Value;
        }
        statement.Command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        _batch.Dispose();
        if (!ReferenceEquals(_single, _batch)) _single.Dispose();
    }
}
