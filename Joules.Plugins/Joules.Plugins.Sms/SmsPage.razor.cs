using MudBlazor;

namespace Joules.Plugins.Sms;

public partial class SmsPage
{
    private List<(Guid Id, string Name)> _brands = [];
    private Guid _brandId;
    private SmsGatewayForm? _form;
    private bool _loaded;
    private SmsRecentList? _recent;

    protected override async Task OnInitializedAsync()
    {
        _brands = await Sms.BrandsAsync();
        if (_brands.Count == 0) return;
        _brandId = _brands.Any(b => b.Id == Sms.UserBrandId) ? Sms.UserBrandId!.Value : _brands[0].Id;
        await LoadAsync();
    }

    private async Task BrandChangedAsync(Guid brandId)
    {
        _brandId = brandId;
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        _form = await Sms.LoadAsync(_brandId);
        _loaded = true;
    }

    private async Task RecentChangedAsync()
    {
        if (_recent is not null) await _recent.ReloadAsync();
    }

    private Severity GatewaySeverity => _form switch
    {
        { Enabled: true } => Severity.Success,
        null when Sms.SimulatorAvailable => Severity.Info,
        _ => Severity.Warning,
    };

    private string GatewayText => _form switch
    {
        { Enabled: true } f => L["GatewayConfigured", f.Url, f.SenderId],
        { Enabled: false } => L["GatewayDisabled"],
        null when Sms.SimulatorAvailable => L["GatewaySimulator", Sms.SimulatorUrl!.ToString()],
        _ => L["GatewayNone"],
    };
}
