using Joules.Core.Domain.Common;
using Joules.Core.Domain.Tariffs;

namespace Joules.Host.Features.Orders;

/// <summary>The parameters a link into the funnel may carry (e.g. from the public calculator widget):
/// <c>/bestellen/{brand}?plz=79100&amp;sparte=strom&amp;kwh=2500&amp;personen=2&amp;tarif=STROM-BASIS&amp;strasse=…&amp;hausnr=…&amp;nutzung=waermepumpe</c>
/// (<c>nutzung</c>: <c>allgemein</c>, <c>waermepumpe</c> or <c>nachtspeicher</c>; power only).</summary>
public sealed record OrderEntry(string? Plz, string? Sparte, string? Kwh, string? Personen, string? Tarif, string? Strasse, string? Hausnr,
    string? Nutzung = null)
{
    /// <summary>True when at least one parameter is present: only then does the link replace a draft in progress.</summary>
    public bool IsPresent => new[] { Plz, Sparte, Kwh, Personen, Tarif, Strasse, Hausnr, Nutzung }.Any(v => !string.IsNullOrWhiteSpace(v));

    /// <summary>The value of <c>nutzung</c> for <paramref name="usage"/>.</summary>
    public static string UsageParameter(TariffUsage usage) => usage switch
    {
        TariffUsage.HeatPump => "waermepumpe",
        TariffUsage.NightStorage => "nachtspeicher",
        _ => "allgemein",
    };

    /// <summary>The tariff code to preselect, if any.</summary>
    public string? TariffCode => string.IsNullOrWhiteSpace(Tarif) ? null : Tarif.Trim();

    /// <summary>Writes the parameters into a new <paramref name="draft"/> and returns the messages per input of values that
    /// cannot be read (unknown commodity, a consumption that is not a number); the Core rules check the rest.
    /// <c>kwh</c> wins over <c>personen</c> when both are given.</summary>
    public Dictionary<string, string> ApplyTo(OrderDraft draft, Func<string, string> text)
    {
        var errors = new Dictionary<string, string>();
        if (!string.IsNullOrWhiteSpace(Plz)) draft.PostalCode = Plz.Trim();
        switch (Sparte?.Trim().ToLowerInvariant())
        {
            case null or "": break;
            case "strom" or "power": draft.Commodity = Commodity.Electricity; break;
            case "gas": draft.Commodity = Commodity.Gas; break;
            default: errors["Commodity"] = text("EntryCommodityInvalid"); break;
        }
        if (!string.IsNullOrWhiteSpace(Kwh))
        {
            draft.ByHouseholdSize = false;
            draft.AnnualKwh = int.TryParse(Kwh.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var kwh) ? kwh : null;
            if (draft.AnnualKwh is null) errors["AnnualKwh"] = CoreText.Get("Order.ConsumptionRange");
        }
        else if (!string.IsNullOrWhiteSpace(Personen))
        {
            draft.ByHouseholdSize = true;
            draft.HouseholdSize = int.TryParse(Personen.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var persons) ? persons : null;
            if (draft.HouseholdSize is null) errors["AnnualKwh"] = text("EntryPersonsInvalid");
        }
        switch (Nutzung?.Trim().ToLowerInvariant())
        {
            case null or "": break;
            case "allgemein": draft.Usage = TariffUsage.General; break;
            case "waermepumpe" or "wärmepumpe": draft.Usage = TariffUsage.HeatPump; draft.ByHouseholdSize = false; break;
            case "nachtspeicher": draft.Usage = TariffUsage.NightStorage; draft.ByHouseholdSize = false; break;
            default: errors["Commodity"] = text("EntryUsageInvalid"); break;
        }
        if (draft.Commodity != Commodity.Electricity) draft.Usage = TariffUsage.General;
        if (!string.IsNullOrWhiteSpace(Strasse)) draft.Street = Strasse.Trim();
        if (!string.IsNullOrWhiteSpace(Hausnr)) draft.HouseNumber = Hausnr.Trim();
        return errors;
    }
}
