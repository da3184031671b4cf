using System.Text.Json;
using System.Text.Json.Serialization;

namespace Joules.Core.Credit.Http;

/// <summary>The body of <c>POST {endpoint}/v1/checks</c> in Joules' own bureau JSON (docs/credit-bureaus.md).</summary>
public sealed class BureauWireRequest
{
    /// <summary>Product id, e.g. <c>basisscore</c>.</summary>
    public string Product { get; set; } = "";

    /// <summary><c>person</c> or <c>company</c>.</summary>
    public string SubjectType { get; set; } = "";

    /// <summary>Joules' id of the check.</summary>
    public string? Reference { get; set; }

    /// <summary><c>full</c> or <c>negative-features</c>.</summary>
    public string Depth { get; set; } = BureauWire.DepthFull;

    /// <summary>The person checked (person checks).</summary>
    public BureauWirePerson? Person { get; set; }

    /// <summary>The company checked (company checks).</summary>
    public BureauWireCompany? Company { get; set; }
}

/// <summary>A consumer in a bureau request.</summary>
public sealed record BureauWirePerson(string? Salutation, string? FirstName, string LastName, string? BirthDate, string? Street,
    string? HouseNumber, string? PostalCode, string? City, string Country);

/// <summary>A company in a bureau request.</summary>
public sealed record BureauWireCompany(string Name, string? LegalForm, string? RegisterNumber, string? Street, string? HouseNumber,
    string? PostalCode, string? City, string Country);

/// <summary>One negative feature in a bureau answer.</summary>
public sealed record BureauWireFeature(string? Code, string? Description);

/// <summary>A bureau's <c>200</c> answer.</summary>
public sealed record BureauWireAnswer(string? RequestId, string? Bureau, string? Product, decimal? Score, string? ScoreClass,
    IReadOnlyList<BureauWireFeature>? NegativeFeatures, decimal? ProbabilityOfDefault, string? Notice, DateTimeOffset? AnsweredAt);

/// <summary>Constants of the wire format.</summary>
public static class BureauWire
{
    /// <summary>Path of the check endpoint below a bureau's base URL.</summary>
    public const string ChecksPath = "v1/checks";

    /// <summary>Subject type of consumers.</summary>
    public const string Person = "person";

    /// <summary>Subject type of companies.</summary>
    public const string Company = "company";

    /// <summary>Score and negative features.</summary>
    public const string DepthFull = "full";

    /// <summary>Negative features only.</summary>
    public const string DepthNegativeFeatures = "negative-features";
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(BureauWireRequest))]
[JsonSerializable(typeof(BureauWireAnswer))]
internal sealed partial class BureauWireJson : JsonSerializerContext;
