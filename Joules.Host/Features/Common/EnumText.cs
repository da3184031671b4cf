using Joules.Core.Domain.Commissions;
using Joules.Core.Domain.Customers;
using Joules.Core.Domain.SalesPartners;
using Joules.Core.Domain.Tariffs;
using Microsoft.Extensions.Localization;

namespace Joules.Host.Features.Common;

/// <summary>German/English labels of the enums shown in the back office.</summary>
public sealed class EnumText(IStringLocalizer<EnumText> l)
{
    public string this[Commodity value] => l["Commodity." + value];
    public string this[CustomerType value] => l["CustomerType." + value];
    public string this[TariffUsage value] => l["Usage." + value];
    public string this[SalesChannel value] => l["Channel." + value];
    public string this[CommissionKind value] => l["Kind." + value];
}
