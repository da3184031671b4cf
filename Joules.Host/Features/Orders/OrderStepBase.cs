using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;

namespace Joules.Host.Features.Orders;

/// <summary>Common parameters of the funnel's step components: the draft they edit, the messages per input, the brand.</summary>
public abstract class OrderStepBase : ComponentBase
{
    [Inject] protected IStringLocalizer<OrderFunnelPage> L { get; set; } = null!;

    [Parameter, EditorRequired] public OrderDraft Draft { get; set; } = null!;
    [Parameter] public IReadOnlyDictionary<string, string> Errors { get; set; } = new Dictionary<string, string>();
    [Parameter] public FunnelBrand? Brand { get; set; }
    /// <summary>Raised when an input changed (the page saves the draft).</summary>
    [Parameter] public EventCallback Changed { get; set; }

    protected bool HasError(string input) => Errors.ContainsKey(input);
    protected string? Error(string input) => Errors.GetValueOrDefault(input);
}
