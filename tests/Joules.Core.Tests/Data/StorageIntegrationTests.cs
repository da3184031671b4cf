using Joules.Core.Data;
using Joules.Core.Data.Providers;
using Joules.Core.Domain.Brands;
using Joules.Core.Domain.Contracts;
using Joules.Core.Domain.Customers;
using Joules.Core.Domain.SalesPartners;
using Joules.Core.Events;
using Joules.Core.Tenancy;
using Joules.Core.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Joules.Core.Tests.Data;

/// <summary>Tenant filter, transactional event storage and event dispatch against a real database. The same tests
/// run on a SQLite file and on PostgreSQL (subclasses below); each test gets a freshly migrated database.</summary>
public abstract class StorageIntegrationTests : IAsyncLifetime
{
    private DatabaseOptions? _options;

    protected DatabaseOptions Options => _options ?? throw new InvalidOperationException("Database not created yet.");

    /// <summary>Creates an empty database for one test and returns how to reach it.</summary>
    protected abstract Task<DatabaseOptions> CreateDatabaseAsync();

    public async Task InitializeAsync()
    {
        _options = await CreateDatabaseAsync();
        await using var db = Context(new SystemUser());
        await db.Database.MigrateAsync();
    }

    public virtual Task DisposeAsync() => Task.CompletedTask;

    private JoulesDbContext Context(ICurrentUser user) => CoreDatabaseRegistration.Create(Options, user);

    private async Task<Brand> AddBrandAsync(string code)
    {
        await using var db = Context(new SystemUser());
        var brand = new Brand(code, "Brand " + code);
        db.Brands.Add(brand);
        await db.SaveChangesAsync();
        return brand;
    }

    [Fact]
    public async Task Brand_A_never_sees_or_changes_brand_B_rows()
    {
        var a = await AddBrandAsync("AAA");
        var b = await AddBrandAsync("BBB");
        await using (var db = Context(new SystemUser("seed", a.Id))) await TestData.AddContractAsync(db, a.Id, "A-1");
        await using (var db = Context(new SystemUser("seed", b.Id))) await TestData.AddContractAsync(db, b.Id, "B-1");

        await using var asA = Context(new SystemUser("user-a", a.Id));
        (await asA.Contracts.Select(c => c.ContractNumber).ToListAsync()).ShouldBe(["A-1"]);
        (await asA.Customers.CountAsync()).ShouldBe(1);
        (await asA.Tariffs.CountAsync()).ShouldBe(1);
        (await asA.ContractStatusEvents.AllAsync(e => e.BrandId == a.Id)).ShouldBeTrue();
        (await asA.Contracts.AnyAsync(c => c.ContractNumber == "B-1")).ShouldBeFalse();

        var foreign = await asA.Contracts.IgnoreQueryFilters().SingleAsync(c => c.ContractNumber == "B-1");
        foreign.ChangeStatus(ContractStatus.CreditCheckPending, "user-a", null);
        await Should.ThrowAsync<TenantAccessException>(() => asA.SaveChangesAsync());

        await using var check = Context(new SystemUser());
        (await check.Contracts.SingleAsync(c => c.ContractNumber == "B-1")).Status.ShouldBe(ContractStatus.Captured);
    }

    [Fact]
    public async Task Brand_A_cannot_move_its_row_into_brand_B()
    {
        var a = await AddBrandAsync("AAA");
        var b = await AddBrandAsync("BBB");
        await using (var db = Context(new SystemUser("seed", a.Id))) await TestData.AddContractAsync(db, a.Id, "A-1");

        await using var asA = Context(new SystemUser("user-a", a.Id));
        var own = await asA.Contracts.SingleAsync();
        own.BrandId = b.Id;
        await Should.ThrowAsync<TenantAccessException>(() => asA.SaveChangesAsync());
    }

    [Fact]
    public async Task Status_change_is_stored_with_its_event_history_and_audit_in_one_save()
    {
        var brand = await AddBrandAsync("AAA");
        await using var db = Context(new SystemUser("clerk", brand.Id));
        var contract = await TestData.AddContractAsync(db, brand.Id);

        contract.ChangeStatus(ContractStatus.CreditCheckPending, "clerk", null);
        await db.SaveChangesAsync();

        await using var check = Context(new SystemUser());
        var history = await check.ContractStatusEvents.Where(e => e.ContractId == contract.Id).OrderBy(e => e.At).ToListAsync();
        history.Select(h => h.To).ShouldBe([ContractStatus.Captured, ContractStatus.CreditCheckPending]);
        var events = await check.DomainEvents.OrderBy(e => e.Id).Select(e => e.Type).ToListAsync();
        events.ShouldContain(DomainEventTypes.NameOf(typeof(ContractStatusChanged)));
        events.ShouldContain(DomainEventTypes.NameOf(typeof(ContractCreated)));
        (await check.AuditEntries.AnyAsync(x => x.EntityType == nameof(Contract) && x.Action == "Modified")).ShouldBeTrue();
    }

    [Fact]
    public async Task A_failing_save_stores_neither_the_change_nor_its_event()
    {
        var brand = await AddBrandAsync("AAA");
        Contract contract;
        await using (var db = Context(new SystemUser("clerk", brand.Id))) contract = await TestData.AddContractAsync(db, brand.Id, "V-1");
        int eventsBefore, auditBefore;
        await using (var db = Context(new SystemUser()))
        {
            eventsBefore = await db.DomainEvents.CountAsync();
            auditBefore = await db.AuditEntries.CountAsync();
        }

        await using (var db = Context(new SystemUser("clerk", brand.Id)))
        {
            var loaded = await db.Contracts.SingleAsync(c => c.Id == contract.Id);
            loaded.ChangeStatus(ContractStatus.CreditCheckPending, "clerk", null);
            // A second contract with the same number violates the unique index: the whole save must roll back.
            var tariff = await db.Tariffs.SingleAsync();
            var customer = new Customer(brand.Id, "K-DUP", CustomerType.Household, TestData.Person("Doppelt"));
            db.AddRange(customer, new Contract(brand.Id, "V-1", customer.Id, tariff,
                new ContractDetails(TestData.Address(), null, null, 2500, null), null, SalesChannel.Online, "clerk"));
            await Should.ThrowAsync<DbUpdateException>(() => db.SaveChangesAsync());
        }

        await using var check = Context(new SystemUser());
        (await check.Contracts.SingleAsync(c => c.Id == contract.Id)).Status.ShouldBe(ContractStatus.Captured);
        (await check.ContractStatusEvents.CountAsync(e => e.ContractId == contract.Id)).ShouldBe(1);
        (await check.Customers.AnyAsync(c => c.CustomerNumber == "K-DUP")).ShouldBeFalse();
        (await check.DomainEvents.CountAsync()).ShouldBe(eventsBefore);
        (await check.AuditEntries.CountAsync()).ShouldBe(auditBefore);
    }

    [Fact]
    public async Task Stored_event_is_dispatched_after_a_restart_when_the_process_died_before_dispatching()
    {
        var brand = await AddBrandAsync("AAA");
        Contract contract;
        await using (var db = Context(new SystemUser("clerk", brand.Id)))
        {
            contract = await TestData.AddContractAsync(db, brand.Id);
            contract.ChangeStatus(ContractStatus.CreditCheckPending, "clerk", null);
            await db.SaveChangesAsync();
        }
        // The process "dies" here: nothing was dispatched.
        await using (var db = Context(new SystemUser()))
            (await db.DomainEvents.CountAsync(e => e.DispatchedAt == null)).ShouldBeGreaterThan(0);

        var handler = new RecordingHandler();
        await using var restarted = Services(s => s.AddSingleton<IDomainEventHandler<ContractStatusChanged>>(handler));
        var dispatcher = restarted.GetRequiredService<DomainEventDispatcher>();
        (await dispatcher.DispatchPendingAsync()).ShouldBeGreaterThan(0);

        handler.Received.ShouldHaveSingleItem().ContractId.ShouldBe(contract.Id);
        handler.Received[0].To.ShouldBe(ContractStatus.CreditCheckPending);
        await using (var db = Context(new SystemUser()))
        {
            (await db.DomainEvents.CountAsync(e => e.DispatchedAt == null)).ShouldBe(0);
            (await db.DomainEventReceipts.CountAsync(r => r.Handler == typeof(RecordingHandler).FullName)).ShouldBe(1);
            var storedId = await db.DomainEventReceipts.Where(r => r.Handler == typeof(RecordingHandler).FullName).Select(r => r.EventId).SingleAsync();
            handler.EventIds.ShouldHaveSingleItem().ShouldBe(storedId);
        }
        DomainEventDelivery.Current.ShouldBeNull();
        (await dispatcher.DispatchPendingAsync()).ShouldBe(0);
        handler.Received.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Failing_handler_is_retried_without_calling_the_handler_that_succeeded_again()
    {
        var brand = await AddBrandAsync("AAA");
        await using (var db = Context(new SystemUser("clerk", brand.Id)))
        {
            var contract = await TestData.AddContractAsync(db, brand.Id);
            contract.ChangeStatus(ContractStatus.CreditCheckPending, "clerk", null);
            await db.SaveChangesAsync();
        }
        var succeeding = new RecordingHandler();
        var failing = new FailingOnceHandler();
        await using var services = Services(s => s
            .AddSingleton<IDomainEventHandler<ContractStatusChanged>>(succeeding)
            .AddSingleton<IDomainEventHandler<ContractStatusChanged>>(failing));
        var dispatcher = services.GetRequiredService<DomainEventDispatcher>();
        var statusChanged = DomainEventTypes.NameOf(typeof(ContractStatusChanged));

        var before = DateTimeOffset.UtcNow;
        await dispatcher.DispatchPendingAsync();
        StoredDomainEvent stored;
        await using (var db = Context(new SystemUser())) stored = await db.DomainEvents.SingleAsync(e => e.Type == statusChanged);
        stored.DispatchedAt.ShouldBeNull();
        stored.Failed.ShouldBeFalse();
        stored.Attempts.ShouldBe(1);
        stored.NextAttemptAt.ShouldBeGreaterThan(before);
        stored.LastError!.ShouldContain(typeof(FailingOnceHandler).FullName!);
        stored.LastError!.ShouldContain("billing system unreachable");
        (succeeding.Received.Count, failing.Calls).ShouldBe((1, 1));

        // Not due yet: an immediate second run leaves it alone.
        await dispatcher.DispatchPendingAsync();
        failing.Calls.ShouldBe(1);

        // Time passes: make the retry due.
        await using (var db = Context(new SystemUser()))
            await db.DomainEvents.Where(e => e.Id == stored.Id).ExecuteUpdateAsync(s => s.SetProperty(e => e.NextAttemptAt, DateTimeOffset.UtcNow.AddSeconds(-1)));
        await dispatcher.DispatchPendingAsync();

        failing.Calls.ShouldBe(2);
        succeeding.Received.Count.ShouldBe(1);
        await using (var db = Context(new SystemUser()))
        {
            var done = await db.DomainEvents.SingleAsync(e => e.Id == stored.Id);
            done.DispatchedAt.ShouldNotBeNull();
            done.Attempts.ShouldBe(2);
            // Core's own handlers (commission accrual) also leave receipts; only the test handlers matter here.
            var testHandlers = new[] { typeof(FailingOnceHandler).FullName!, typeof(RecordingHandler).FullName! };
            (await db.DomainEventReceipts.Where(r => r.EventId == stored.Id).Select(r => r.Handler).ToListAsync())
                .Where(testHandlers.Contains).Order(StringComparer.Ordinal).ShouldBe(testHandlers.Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public async Task Contract_search_filters_by_status_and_prefix_within_the_users_brand_and_can_cap_the_count()
    {
        var a = await AddBrandAsync("AAA");
        var b = await AddBrandAsync("BBB");
        await using (var db = Context(new SystemUser("seed", a.Id)))
        {
            var first = await TestData.AddContractAsync(db, a.Id, "SWS-V000101");
            await TestData.AddContractAsync(db, a.Id, "SWS-V000102");
            await TestData.AddContractAsync(db, a.Id, "SWS-V000201");
            first.ChangeStatus(ContractStatus.CreditCheckPending, "seed", null);
            await db.SaveChangesAsync();
        }
        await using (var db = Context(new SystemUser("seed", b.Id))) await TestData.AddContractAsync(db, b.Id, "SWS-V000103");

        await using var asA = Context(new SystemUser("user-a", a.Id));
        var search = new Joules.Core.UseCases.Contracts.SearchContracts(asA);
        var byStatus = await search.RunAsync(new(Statuses: [ContractStatus.Captured]));
        byStatus.Items.Select(i => i.ContractNumber).Order().ShouldBe(["SWS-V000102", "SWS-V000201"]);
        byStatus.Total.ShouldBe(2);

        var byNumber = await search.RunAsync(new(Text: "sws-v0001"));
        byNumber.Items.Select(i => i.ContractNumber).Order().ShouldBe(["SWS-V000101", "SWS-V000102"]);
        (await search.RunAsync(new(Text: "muster"))).Total.ShouldBe(3); // last name typed in lower case
        (await search.RunAsync(new(Text: "4137355"))).Total.ShouldBe(3); // MaLo-ID prefix
        (await search.RunAsync(new(Text: "K-SWS-V000201"))).Items.ShouldHaveSingleItem().ContractNumber.ShouldBe("SWS-V000201");

        var capped = await search.RunAsync(new(CountLimit: 2));
        (capped.Total, capped.TotalIsLowerBound, capped.Items.Count).ShouldBe((2, true, 3));
        var exact = await search.RunAsync(new(CountLimit: 3));
        (exact.Total, exact.TotalIsLowerBound).ShouldBe((3, false));
    }

    private ServiceProvider Services(Action<IServiceCollection> handlers)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddJoulesCore(Options);
        handlers(services);
        return services.BuildServiceProvider(validateScopes: true);
    }

    private sealed class RecordingHandler : IDomainEventHandler<ContractStatusChanged>
    {
        public List<ContractStatusChanged> Received { get; } = [];
        public List<long?> EventIds { get; } = [];

        public Task HandleAsync(ContractStatusChanged domainEvent, CancellationToken cancellationToken)
        {
            lock (Received) { Received.Add(domainEvent); EventIds.Add(DomainEventDelivery.Current?.EventId); }
            return Task.CompletedTask;
        }
    }

    private sealed class FailingOnceHandler : IDomainEventHandler<ContractStatusChanged>
    {
        public int Calls { get; private set; }

        public Task HandleAsync(ContractStatusChanged domainEvent, CancellationToken cancellationToken)
        {
            Calls++;
            return Calls == 1 ? throw new InvalidOperationException("billing system unreachable") : Task.CompletedTask;
        }
    }
}

/// <summary>The storage tests on a real SQLite file, migrated with the SQLite migrations.</summary>
public sealed class SqliteStorageTests : StorageIntegrationTests
{
    private readonly SqliteTestDatabase _database = new();

    protected override Task<DatabaseOptions> CreateDatabaseAsync() => Task.FromResult(_database.Options);

    public override async Task DisposeAsync() => await _database.DisposeAsync();
}

/// <summary>The storage tests on PostgreSQL 15 (a throwaway cluster shared by the collection, one database per test).</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresStorageTests(PostgresServer server) : StorageIntegrationTests
{
    protected override async Task<DatabaseOptions> CreateDatabaseAsync() =>
        new() { Provider = DatabaseProvider.PostgreSql, ConnectionString = await server.CreateDatabaseAsync("storage") };
}
