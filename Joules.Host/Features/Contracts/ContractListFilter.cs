using System.Globalization;
using Joules.Core.Domain.Contracts;
using Joules.Core.Domain.Tariffs;
using Joules.Core.UseCases.Contracts;
using Microsoft.AspNetCore.WebUtilities;

namespace Joules.Host.Features.Contracts;

/// <summary>The filters of the contract list as they appear in the URL, so a filtered list can be linked
/// (e.g. /contracts?status=NeedsClarification from the dashboard).</summary>
public sealed record ContractListFilter(
    string? Text = null,
    IReadOnlyList<ContractStatus>? Statuses = null,
    Guid? SalesPartnerId = null,
    Guid? BrandId = null,
    Commodity? Commodity = null,
    DateOnly? OrderedFrom = null,
    DateOnly? OrderedTo = null)
{
    private const string DateFormat = "yyyy-MM-dd";

    public IReadOnlyList<ContractStatus> StatusList => Statuses ?? [];

    /// <summary>Reads the query string values; unknown values are ignored.</summary>
    public static ContractListFilter FromQuery(string? q, string[]? status, string? partner, string? brand, string? commodity, string? from, string? to) => new(
        string.IsNullOrWhiteSpace(q) ? null : q.Trim(),
        (status ?? []).SelectMany(s => s.Split(',', StringSplitOptions.RemoveEmptyEntries))
            .Select(s => Enum.TryParse<ContractStatus>(s, ignoreCase: true, out var v) && Enum.IsDefined(v) ? v : (ContractStatus?)null)
            .OfType<ContractStatus>().Distinct().ToList(),
        Guid.TryParse(partner, out var p) ? p : null,
        Guid.TryParse(brand, out var b) ? b : null,
        Enum.TryParse<Commodity>(commodity, ignoreCase: true, out var c) && Enum.IsDefined(c) ? c : null,
        ParseDate(from),
        ParseDate(to));

    /// <summary>"contracts?…" with the set filters only.</summary>
    public string ToUrl(string path = "contracts")
    {
        var query = new List<KeyValuePair<string, string?>>();
        if (Text is { Length: > 0 }) query.Add(new("q", Text));
        foreach (var s in StatusList) query.Add(new("status", s.ToString()));
        if (SalesPartnerId is { } p) query.Add(new("partner", p.ToString()));
        if (BrandId is { } b) query.Add(new("brand", b.ToString()));
        if (Commodity is { } c) query.Add(new("commodity", c.ToString()));
        if (OrderedFrom is { } f) query.Add(new("from", f.ToString(DateFormat, CultureInfo.InvariantCulture)));
        if (OrderedTo is { } t) query.Add(new("to", t.ToString(DateFormat, CultureInfo.InvariantCulture)));
        return QueryHelpers.AddQueryString(path, query);
    }

    /// <summary>The search of one page.</summary>
    public ContractSearch ToSearch(int page, int pageSize) =>
        new(Text, StatusList, SalesPartnerId, BrandId, Commodity, OrderedFrom, OrderedTo, page, pageSize);

    /// <summary>True if values equal (the status list by content).</summary>
    public bool SameAs(ContractListFilter other) =>
        this with { Statuses = null } == other with { Statuses = null } && StatusList.SequenceEqual(other.StatusList);

    private static DateOnly? ParseDate(string? s) =>
        DateOnly.TryParseExact(s, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
}
