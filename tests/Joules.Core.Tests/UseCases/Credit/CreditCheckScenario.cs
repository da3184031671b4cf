using System.Collections.Concurrent;
using Joules.Core.Credit;
using Joules.Core.Data;
using Joules.Core.Domain.Contracts;
using Joules.Core.Domain.Credit;
using Joules.Core.Domain.Customers;
using Joules.Core.Tenancy;
using Joules.Core.Tests.Infrastructure;
using Joules.Core.UseCases.Credit;
using Microsoft.EntityFrameworkCore;

namespace Joules.Core.Tests.UseCases.Credit;

/// <summary>A brand on a real SQLite file with bureau routes and rules, and scripted bureaus that answer, fail or count.</summary>
internal sealed class CreditCheckScenario : IAsyncDisposable
{
    private readonly SqliteTestDatabase _database = new();

    public Guid BrandId { get; private set; }
    private CreditCheckScenario() => Bureaus = new ScriptedBureaus(Clock);

    public ScriptedBureaus Bureaus { get; }
    // A minute ahead of the real clock: contracts and their history are created with the real clock just before.
    public MovableClock Clock { get; } = new(DateTimeOffset.UtcNow.AddMinutes(1));

    public static async Task<CreditCheckScenario> CreateAsync()
    {
        var s = new CreditCheckScenario();
        await s._database.MigrateAsync();
        s.BrandId = (await s._database.AddBrandAsync("sonne", "Sonnenstrom")).Id;
        return s;
    }

    public JoulesDbContext Db(string userName = "s.pruefer", Guid? userId = null) => _database.Context(new Acting(userId, userName));

    public async Task ConfigureAsync(Action<CreditCheckSettings>? settings = null, params (string Bureau, string Product)[] routes)
    {
        await using var db = Db();
        var row = await db.CreditCheckSettings.SingleOrDefaultAsync() ?? db.CreditCheckSettings.Add(CreditCheckSettings.Create(BrandId)).Entity;
        settings?.Invoke(row);
        if (routes.Length > 0) db.BureauRoutes.RemoveRange(await db.BureauRoutes.ToListAsync());
        await db.SaveChangesAsync();
        var position = 1;
        foreach (var (bureau, product) in routes)
            db.BureauRoutes.Add(BureauRoute.Create(BrandId, "DE", CustomerType.Household, position++, bureau, product));
        await db.SaveChangesAsync();
    }

    public async Task AddRulesAsync(params ScoreRangeRule[] rules)
    {
        await using var db = Db();
        db.ScoreRangeRules.AddRange(rules);
        await db.SaveChangesAsync();
    }

    /// <summary>A contract of a household customer named <paramref name="lastName"/>, moved to "credit check pending".</summary>
    public async Task<Guid> PendingContractAsync(string number, string lastName = "Muster")
    {
        await using var db = Db();
        var contract = await TestData.AddContractAsync(db, BrandId, number);
        await db.Customers.Where(c => c.Id == contract.CustomerId)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.LastName, lastName));
        contract.ChangeStatus(ContractStatus.CreditCheckPending, "test", null);
        await db.SaveChangesAsync();
        return contract.Id;
    }

    /// <summary>The brand configuration cache the checks share, as in the host (one per scenario).</summary>
    public BrandConfigurationCache Cache => _cache ??= new BrandConfigurationCache(Clock);
    private BrandConfigurationCache? _cache;

    /// <summary>The writer that stores decided checks (group commit), over this scenario's database.</summary>
    public CreditCheckWriter Writer => _writer ??= new CreditCheckWriter(user => new ScopedContext(_database.Context(user)));
    private CreditCheckWriter? _writer;

    public async Task<CreditCheck> RunAsync(Guid contractId, string trigger = "button")
    {
        await using var db = Db();
        return await new RunCreditCheck(db, Bureaus, Cache, Writer, Clock).RunAsync(contractId, trigger);
    }

    public async Task<Contract> ContractAsync(Guid id)
    {
        await using var db = Db();
        return await db.Contracts.Include(c => c.History).SingleAsync(c => c.Id == id);
    }

    public async Task<List<CreditReview>> ReviewsAsync(Guid contractId)
    {
        await using var db = Db();
        return await db.CreditReviews.Where(r => r.ContractId == contractId).ToListAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_writer is not null) await _writer.DisposeAsync();
        await _database.DisposeAsync();
    }

    private sealed record Acting(Guid? UserId, string UserName) : ICurrentUser
    {
        public Guid? BrandId => null;
        public bool AllBrands => true;
        public IReadOnlyCollection<Guid>? VisiblePartnerIds => null;
    }
}

/// <summary>Bureaus for unit tests: each answers with a score, or throws <see cref="CreditBureauUnavailableException"/>.</summary>
internal sealed class ScriptedBureaus(TimeProvider clock) : ICreditBureauDirectory
{
    private readonly ConcurrentDictionary<string, Func<CreditCheckRequest, BureauResult>> _answers = new();

    public ConcurrentQueue<(string Bureau, CreditCheckRequest Request)> Calls { get; } = new();

    public IReadOnlyList<BureauDescriptor> Available => _answers.Keys.Select(Joules.Core.Domain.Credit.Bureaus.Find).OfType<BureauDescriptor>().ToList();

    public void Scores(string bureau, decimal? score, params string[] negativeFeatures) =>
        _answers[bureau] = r => new BureauResult(bureau, r.Product, score, null, negativeFeatures, null, clock.GetUtcNow(), Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()));

    public void Fails(string bureau, string reason) => _answers[bureau] = _ => throw new CreditBureauUnavailableException(reason);

    public Task<BureauResult> CheckAsync(string bureauId, CreditCheckRequest request, CancellationToken ct)
    {
        Calls.Enqueue((bureauId, request));
        if (!_answers.TryGetValue(bureauId, out var answer)) throw new CreditBureauUnavailableException("nicht eingerichtet");
        return Task.FromResult(answer(request));
    }
}

/// <summary>A clock the test moves forward.</summary>
internal sealed class MovableClock(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = start;
    public override DateTimeOffset GetUtcNow() => Now;
}
