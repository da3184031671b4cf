using System.Globalization;
using System.Text;
using Bogus;
using Joules.Core.Domain.Brands;
using Joules.Core.Domain.Commissions;
using Joules.Core.Domain.Common;
using Joules.Core.Domain.Contracts;
using Joules.Core.Domain.Customers;
using Joules.Core.Domain.SalesPartners;
using Joules.Core.Domain.Tariffs;

namespace Joules.Host.Features.Demo;

/// <summary>The in-memory object graph of one demo brand, ready to be saved.</summary>
internal sealed class DemoTenant
{
    public required Brand Brand { get; init; }
    public List<DeliveryArea> Areas { get; } = [];
    public List<Tariff> Tariffs { get; } = [];
    public List<SalesPartner> Partners { get; } = [];
    public List<(Customer Customer, DateTimeOffset CreatedAt)> Customers { get; } = [];
    public List<Contract> Contracts { get; } = [];
    public List<CommissionEntry> CommissionEntries { get; } = [];
    public List<CommissionStatement> Statements { get; } = [];

    /// <summary>Contracts and commission entries of each customer, in creation order (for batched saves).</summary>
    public Dictionary<Guid, List<Contract>> ContractsByCustomer { get; } = [];
    public Dictionary<Guid, List<CommissionEntry>> EntriesByContract { get; } = [];

    public SalesPartner Partner(string number) => Partners.Single(p => p.PartnerNumber == number);
}

/// <summary>Builds a deterministic demo brand from a <see cref="DemoBrand"/> and a seed: the same seed and
/// settings give the same customers, numbers, tariffs and status walks (ids and "now"-relative dates differ).</summary>
internal sealed class DemoTenantGenerator(DemoBrand spec, int seed, DateTimeOffset now)
{
    private const string Seeder = "system:demo";
    private readonly Faker _faker = new("de") { Random = new Randomizer(seed) };
    private Randomizer R => _faker.Random;
    private readonly Dictionary<(Commodity, CustomerType), List<(Tariff Tariff, float Weight)>> _tariffsBySegment = [];
    private readonly Dictionary<Guid, DemoArea> _areaSpecs = [];
    private readonly HashSet<string> _emails = [];
    private int _contractNumber;

    public DemoTenant Generate()
    {
        var brand = new Brand(spec.Code, spec.Name) { LegalName = spec.LegalName, PrimaryColor = spec.PrimaryColor };
        var tenant = new DemoTenant { Brand = brand };
        CreateCatalogue(tenant);
        CreatePartners(tenant);
        var statuses = DemoStatusWalk.Distribution.Select(d => d.Status).ToArray();
        var weights = DemoStatusWalk.Distribution.Select(d => d.Weight).ToArray();
        for (var i = 0; i < spec.Customers; i++)
        {
            // The first customers walk every status once, so each status exists even in a small demo.
            var target = i < statuses.Length ? statuses[i] : Pick(statuses, weights);
            CreateCustomer(tenant, i + 1, target);
        }
        CreateStatements(tenant);
        return tenant;
    }

    private void CreateCatalogue(DemoTenant tenant)
    {
        var brandId = tenant.Brand.Id;
        foreach (var area in spec.Areas)
        {
            var created = new DeliveryArea(brandId, area.Name, area.Places.Select(p => p.PostalCode));
            tenant.Areas.Add(created);
            _areaSpecs[created.Id] = area;
        }
        var firstMonth = new DateOnly(now.Year, now.Month, 1).AddMonths(-17);
        var secondVersion = new DateOnly(now.Year, now.Month, 1).AddMonths(-5);
        foreach (var t in spec.Tariffs)
        {
            var tariff = new Tariff(brandId, t.Code, t.Name, t.Commodity, t.CustomerType, t.Terms)
            {
                Description = t.Commodity == Commodity.Electricity
                    ? t.Name.Contains("Öko", StringComparison.Ordinal) ? "100 % Strom aus erneuerbaren Energien mit Herkunftsnachweis." : "Strom zum fairen Preis aus der Region."
                    : t.Name.Contains("Öko", StringComparison.Ordinal) ? "Erdgas mit 10 % Biogasanteil, CO₂-Emissionen kompensiert." : "Erdgas für Heizung und Warmwasser.",
            };
            tariff.ChangeUsage(t.Usage);
            if (t.Usage == TariffUsage.HeatPump) tariff.Description = "Für Ihre separat gemessene Wärmepumpe, mit reduzierten Netzentgelten nach § 14a EnWG.";
            for (var a = 0; a < tenant.Areas.Count; a++)
            {
                // Grid fees differ by area, so the working price does too.
                var areaShift = (a - 1) * (t.Commodity == Commodity.Electricity ? 0.62m : 0.21m);
                var energy = Math.Round(t.EnergyCt + areaShift, 4);
                tariff.AddPriceList(tenant.Areas[a], firstMonth, new PriceComponents(t.BasePerYear + a * 6m, energy, t.NewCustomerBonus, 0m));
                if (t.SecondVersion)
                {
                    var change = t.Commodity == Commodity.Electricity ? -0.87m : 0.48m;
                    tariff.AddPriceList(tenant.Areas[a], secondVersion,
                        new PriceComponents(t.BasePerYear + a * 6m + 6m, energy + change, t.NewCustomerBonus, 0m));
                }
            }
            tenant.Tariffs.Add(tariff);
            var segment = (t.Commodity, t.CustomerType);
            if (!_tariffsBySegment.TryGetValue(segment, out var list)) _tariffsBySegment[segment] = list = [];
            list.Add((tariff, t.Popularity));
        }
    }

    private void CreatePartners(DemoTenant tenant)
    {
        foreach (var p in spec.Partners)
        {
            var parent = p.Parent is null ? null : tenant.Partner(p.Parent);
            var partner = new SalesPartner(tenant.Brand.Id, p.Number, p.Name, parent, p.Channel)
            {
                ContactName = _faker.Name.FullName(),
                Phone = _faker.Phone.PhoneNumber(),
                IsVatLiable = p.VatLiable,
                Iban = spec.Country == "AT" ? "AT611904300234573201" : "DE02120300000000202051",
            };
            partner.Email = $"vertrieb@{Slug(p.Name)}.example.com";
            partner.ChangeCommission(p.Scheme);
            tenant.Partners.Add(partner);
        }
    }

    private void CreateCustomer(DemoTenant tenant, int number, ContractStatus target)
    {
        var brandId = tenant.Brand.Id;
        var business = R.Bool(0.12f);
        var areaIndex = Pick(Enumerable.Range(0, tenant.Areas.Count).ToArray(), AreaWeights(tenant.Areas.Count));
        var area = tenant.Areas[areaIndex];
        var (postalCode, city) = R.ArrayElement(_areaSpecs[area.Id].Places);
        var address = new Address
        {
            Street = _faker.Address.StreetName(),
            HouseNumber = R.Int(1, 160) + (R.Bool(0.08f) ? R.ArrayElement(["a", "b", "c"]) : ""),
            PostalCode = postalCode, City = city, Country = spec.Country,
        };

        var male = R.Bool();
        var firstName = _faker.Name.FirstName(male ? Bogus.DataSets.Name.Gender.Male : Bogus.DataSets.Name.Gender.Female);
        var lastName = _faker.Name.LastName();
        var company = business ? _faker.Company.CompanyName() : null;
        string? email = null;
        if (R.Bool(business ? 0.9f : 0.72f))
        {
            var local = business ? "info" : $"{Slug(firstName)}.{Slug(lastName)}";
            var domain = business ? $"{Slug(company!)}.example.com" : R.ArrayElement(["example.com", "example.org", "example.net"]);
            email = $"{local}@{domain}";
            if (!_emails.Add(email.ToUpperInvariant())) email = $"{local}{number}@{domain}";
            _emails.Add(email.ToUpperInvariant());
        }
        var details = new CustomerDetails(
            business ? Salutation.Company : R.Bool(0.01f) ? Salutation.Diverse : male ? Salutation.Mr : Salutation.Ms,
            firstName, lastName, company,
            business ? null : new DateOnly(R.Int(1938, 2003), R.Int(1, 12), R.Int(1, 28)),
            email, R.Bool(0.6f) ? _faker.Phone.PhoneNumber() : null, address);
        var customer = new Customer(brandId, $"{spec.Code}-K{number:D6}", business ? CustomerType.Business : CustomerType.Household, details);

        var persons = Pick([1, 2, 3, 4, 5], [0.22f, 0.34f, 0.19f, 0.18f, 0.07f]);
        var commodity = R.Bool(0.78f) ? Commodity.Electricity : Commodity.Gas;
        var first = CreateContract(tenant, customer, area, address, commodity, persons, target);
        tenant.Customers.Add((customer, first.OrderedAt.AddMinutes(-R.Int(2, 30))));
        RecordConsents(customer, first.OrderedAt);
        if (R.Bool(0.1f))
        {
            var other = commodity == Commodity.Electricity ? Commodity.Gas : Commodity.Electricity;
            CreateContract(tenant, customer, area, address, other, persons, Pick(
                DemoStatusWalk.Distribution.Select(d => d.Status).ToArray(), DemoStatusWalk.Distribution.Select(d => d.Weight).ToArray()));
        }
    }

    private static float[] AreaWeights(int count) => count switch
    {
        1 => [1f],
        2 => [0.6f, 0.4f],
        _ => [.. Enumerable.Range(0, count).Select(i => i == 0 ? 0.5f : 0.5f / (count - 1))],
    };

    private Contract CreateContract(DemoTenant tenant, Customer customer, DeliveryArea area, Address address, Commodity commodity, int persons, ContractStatus target)
    {
        var tariffs = _tariffsBySegment.GetValueOrDefault((commodity, customer.Type))
            ?? _tariffsBySegment[(commodity, CustomerType.Household)];
        var tariff = Pick(tariffs.Select(t => t.Tariff).ToArray(), tariffs.Select(t => t.Weight).ToArray());
        var kwh = Consumption(commodity, customer.Type, persons, tariff.Code.Contains("WAERME", StringComparison.Ordinal));

        // Plan the status walk first, then place it in time: finished or supplied contracts anywhere in the last
        // ~15 months, contracts still in progress recently (nobody waits a year in "captured").
        var path = DemoStatusWalk.PathTo(target, R);
        var steps = DemoStatusWalk.Schedule(path, now, R);
        var duration = steps.Count == 0 ? TimeSpan.Zero : steps[^1].At - now;
        var longRunning = target is ContractStatus.InSupply or ContractStatus.Terminated or ContractStatus.Ended
            or ContractStatus.Withdrawn or ContractStatus.Cancelled or ContractStatus.CreditCheckRejected;
        var window = longRunning ? Math.Max(1, 455 - (int)duration.TotalDays) : 25;
        var orderedAt = now - duration - TimeSpan.FromMinutes(R.Int(30, window * 1440));
        var shift = orderedAt - now;
        steps = [.. steps.Select(s => s with { At = s.At + shift })];

        var inSupply = steps.FirstOrDefault(s => s.To == ContractStatus.InSupply);
        var supplyStart = inSupply is not null
            ? DateOnly.FromDateTime(inSupply.At.UtcDateTime)
            : DateOnly.FromDateTime(orderedAt.UtcDateTime.AddDays(R.Int(35, 70)));

        var partner = R.Bool(0.82f) ? Pick(tenant.Partners.ToArray(), [.. tenant.Partners.Select(p => p.Depth == 2 ? 3f : p.Depth == 1 ? 2f : 1f)]) : null;
        var channel = partner?.Channel ?? Pick([SalesChannel.Online, SalesChannel.BackOffice, SalesChannel.Phone], [0.6f, 0.25f, 0.15f]);

        string? malo = null;
        if (spec.Country == "DE")
        {
            var head = commodity == Commodity.Electricity ? R.Int(4, 9) : R.Int(1, 3);
            malo = MaLoId.Complete(head + R.Int(0, 999_999_999).ToString("D9", CultureInfo.InvariantCulture));
        }
        var meter = commodity == Commodity.Electricity
            ? $"1{R.ArrayElement(DemoCatalog.MeterMakers)}{R.Int(10, 99)}{R.Int(0, 99_999_999):D8}"
            : $"7{R.ArrayElement(["ELS", "ITR", "PIP", "MAG"])}{R.Int(10, 99)}{R.Int(0, 99_999_999):D8}";

        _contractNumber++;
        var contract = new Contract(tenant.Brand.Id, $"{spec.Code}-V{_contractNumber:D6}", customer.Id, tariff,
            new ContractDetails(address, malo, meter, kwh, supplyStart), partner?.Id, channel,
            partner is null ? "staff" : "partner", channel == SalesChannel.Online ? "online" : "ui", orderedAt)
        {
            PriceListId = tariff.PriceListOn(area.Id, DateOnly.FromDateTime(orderedAt.UtcDateTime))?.Id,
        };
        foreach (var step in steps) contract.ChangeStatus(step.To, step.Actor, step.Reason, step.Source, step.At);

        tenant.Contracts.Add(contract);
        if (!tenant.ContractsByCustomer.TryGetValue(customer.Id, out var own)) tenant.ContractsByCustomer[customer.Id] = own = [];
        own.Add(contract);

        var confirmed = steps.FirstOrDefault(s => s.To == ContractStatus.Confirmed);
        if (partner is not null && confirmed is not null) AddCommissions(tenant, contract, partner, confirmed.At);
        return contract;
    }

    private int Consumption(Commodity commodity, CustomerType type, int persons, bool heating)
    {
        double kwh = (commodity, type) switch
        {
            (Commodity.Electricity, CustomerType.Business) => R.Int(8_000, 90_000),
            (Commodity.Gas, CustomerType.Business) => R.Int(25_000, 180_000),
            (Commodity.Electricity, _) when heating => R.Int(3_500, 9_000),
            (Commodity.Electricity, _) => persons switch { 1 => 1_500, 2 => 2_500, 3 => 3_300, 4 => 4_000, _ => 5_000 } * R.Double(0.8, 1.25),
            _ => (6_000 + persons * 3_200) * R.Double(0.75, 1.3),
        };
        return (int)Math.Round(kwh / 10) * 10;
    }

    private void RecordConsents(Customer customer, DateTimeOffset at)
    {
        const string source = "order-funnel";
        customer.RecordConsent(ConsentPurpose.CreditCheck, R.Bool(0.94f), source, "Ich willige in die Bonitätsprüfung durch die SCHUFA ein.", at);
        if (R.Bool(0.7f))
        {
            var granted = R.Bool(0.45f);
            customer.RecordConsent(ConsentPurpose.EmailMarketing, granted, source, "Ich möchte Angebote und Neuigkeiten per E-Mail erhalten.", at);
            var withdrawnAt = at.AddDays(R.Int(10, 200));
            if (granted && R.Bool(0.08f) && withdrawnAt < now)
                customer.RecordConsent(ConsentPurpose.EmailMarketing, false, "back-office", "Widerruf per E-Mail", withdrawnAt);
        }
        if (R.Bool(0.4f))
            customer.RecordConsent(ConsentPurpose.PhoneMarketing, R.Bool(0.25f), source, "Ich bin mit Anrufen zu Energieangeboten einverstanden.", at);
    }

    private void AddCommissions(DemoTenant tenant, Contract contract, SalesPartner partner, DateTimeOffset confirmedAt)
    {
        var earnedOn = DateOnly.FromDateTime(confirmedAt.UtcDateTime);
        var scheme = partner.Commission;
        var closing = scheme.ClosingAmount(contract.AnnualConsumptionKwh);
        var mwh = Math.Clamp(contract.AnnualConsumptionKwh / 1000m, scheme.ClosingMinMwh, scheme.ClosingMaxMwh);
        var entries = new List<CommissionEntry>
        {
            new(tenant.Brand.Id, partner.Id, contract.Id, CommissionKind.Closing, closing,
                string.Create(CultureInfo.GetCultureInfo("de-DE"), $"Abschluss: {scheme.ClosingFixed:N2} € + {scheme.ClosingPerMwh:N2} €/MWh × {mwh:N3} MWh"), earnedOn),
        };
        // Overrides up the hierarchy: each parent gets its child's share of the closing commission.
        var child = partner;
        while (child.ParentId is { } parentId)
        {
            var parent = tenant.Partners.Single(p => p.Id == parentId);
            var percent = child.Commission.ParentOverridePercent;
            var amount = Math.Round(closing * percent / 100m, 2, MidpointRounding.AwayFromZero);
            if (amount > 0)
                entries.Add(new CommissionEntry(tenant.Brand.Id, parent.Id, contract.Id, CommissionKind.Override, amount,
                    string.Create(CultureInfo.GetCultureInfo("de-DE"), $"Override {percent:N1} % der Abschlussprovision von {child.Name} ({closing:N2} €)"), earnedOn));
            child = parent;
        }
        tenant.CommissionEntries.AddRange(entries);
        tenant.EntriesByContract[contract.Id] = entries;
    }

    /// <summary>Quarterly statements for the agencies and their direct sub-partners, released ten days after each
    /// completed quarter; everything of the running quarter and of the third level stays open.</summary>
    private void CreateStatements(DemoTenant tenant)
    {
        var groups = tenant.CommissionEntries
            .GroupBy(e => (e.SalesPartnerId, Quarter: new DateOnly(e.EarnedOn.Year, (e.EarnedOn.Month - 1) / 3 * 3 + 1, 1)))
            .OrderBy(g => g.Key.Quarter).ThenBy(g => tenant.Partners.First(p => p.Id == g.Key.SalesPartnerId).PartnerNumber, StringComparer.Ordinal);
        foreach (var group in groups)
        {
            var partner = tenant.Partners.First(p => p.Id == group.Key.SalesPartnerId);
            var start = group.Key.Quarter;
            var end = start.AddMonths(3).AddDays(-1);
            var releasedAt = new DateTimeOffset(end.AddDays(10).ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero);
            if (partner.Depth > 1 || releasedAt > now) continue;
            var entries = group.ToList();
            var statement = new CommissionStatement(tenant.Brand.Id, partner.Id,
                $"GS-{start.Year}Q{(start.Month - 1) / 3 + 1}-{partner.PartnerNumber}", start, end, partner.IsVatLiable, entries);
            statement.Release(entries, "staff", releasedAt);
            tenant.Statements.Add(statement);
        }
    }

    /// <summary>One of <paramref name="items"/>, chosen with the relative <paramref name="weights"/> (need not sum to 1).</summary>
    private T Pick<T>(T[] items, float[] weights)
    {
        var roll = R.Double() * weights.Sum();
        for (var i = 0; i < items.Length; i++)
        {
            roll -= weights[i];
            if (roll < 0) return items[i];
        }
        return items[^1];
    }

    private static string Slug(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text.ToLowerInvariant())
        {
            switch (c)
            {
                case 'ä': sb.Append("ae"); break;
                case 'ö': sb.Append("oe"); break;
                case 'ü': sb.Append("ue"); break;
                case 'ß': sb.Append("ss"); break;
                case >= 'a' and <= 'z' or >= '0' and <= '9': sb.Append(c); break;
                case ' ' or '-' when sb.Length > 0 && sb[^1] != '-': sb.Append('-'); break;
            }
        }
        return sb.ToString().Trim('-');
    }
}
