using Joules.Core.Data;
using Joules.Core.Domain.Common;
using Joules.Core.Domain.Credit;
using Joules.Core.UseCases.Credit;
using Joules.Host.Features.Common;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace Joules.Host.Features.Credit.Rules;

/// <summary>A brand's score range rules grouped by bureau product, each on the product's own scale, with add/edit in a
/// dialog that previews the effect on recent checks while the rule is edited.</summary>
public partial class ScoreRulesPage
{
    [Inject] private IDbContextFactory<JoulesDbContext> DbFactory { get; set; } = null!;
    [Inject] private IDialogService Dialogs { get; set; } = null!;
    [Inject] private ISnackbar Snackbar { get; set; } = null!;
    [Inject] private EnumText Enums { get; set; } = null!;

    private IReadOnlyList<BrandOption>? _brands;
    private Guid _brandId;
    private IReadOnlyList<ScoreRuleDraft>? _rules;
    private ScoreRulePreviewSample? _sample;
    private ScoreRulePreview? _preview;

    protected override async Task OnInitializedAsync()
    {
        await using var db = DbFactory.CreateDbContext();
        _brands = await BrandOptions.LoadAsync(db);
        if (_brands.Count > 0) await BrandChanged(_brands[0].Id);
    }

    private async Task BrandChanged(Guid brandId)
    {
        _brandId = brandId;
        _rules = null;
        _sample = null;
        _preview = null;
        await ReloadAsync();
    }

    /// <summary>Rules and recent checks are read once here; the preview then runs in memory.</summary>
    private async Task ReloadAsync()
    {
        await using var db = DbFactory.CreateDbContext();
        _rules = await new SaveScoreRangeRules(db).ListAsync(_brandId);
        _sample = await new PreviewScoreRules(db).LoadAsync(_brandId);
        _preview = PreviewScoreRules.Compute(_sample, _rules, maxCases: 0);
    }

    private async Task EditAsync(ScoreRuleDraft? rule)
    {
        if (_sample is null || _rules is null) return;
        var parameters = new DialogParameters<ScoreRuleDialog>
        {
            { d => d.BrandId, _brandId }, { d => d.Rule, rule }, { d => d.Rules, _rules }, { d => d.Sample, _sample },
        };
        var options = new DialogOptions { MaxWidth = MaxWidth.Large, FullWidth = true, CloseOnEscapeKey = true };
        var dialog = await Dialogs.ShowAsync<ScoreRuleDialog>(rule is null ? L["AddTitle"] : L["EditTitle"], parameters, options);
        var result = await dialog.Result;
        if (result is { Canceled: false }) await ReloadAsync();
    }

    private async Task DeleteAsync(ScoreRuleDraft rule)
    {
        if (rule.Id is not { } id) return;
        var product = Bureaus.Find(rule.Bureau)?.Product(rule.Product);
        var text = L["DeleteText", $"{Bureaus.Find(rule.Bureau)?.Name} · {product?.Name}", RangeText(rule, product?.Scale), CT[rule.Decision]];
        if (await Dialogs.ShowMessageBoxAsync(L["DeleteTitle"], text, yesText: L["Delete"], cancelText: L["Cancel"]) != true) return;
        try
        {
            await using var db = DbFactory.CreateDbContext();
            await new SaveScoreRangeRules(db).DeleteAsync(_brandId, id);
            Snackbar.Add(L["Deleted"], Severity.Success);
        }
        catch (DomainException ex) { Snackbar.Add(ex.Message, Severity.Error); }
        await ReloadAsync();
    }

    private string RangeText(ScoreRuleDraft rule, ScoreScale? scale) => rule.MatchesNegativeFeatures
        ? L["OnNegativeFeatures"]
        : $"{CreditText.Score(rule.Min, scale)} – {CreditText.Score(rule.Max, scale)}";

    private string Conditions(ScoreRuleDraft rule)
    {
        var parts = new List<string>(3);
        if (rule.Commodity is { } c) parts.Add(Enums[c]);
        if (rule.CustomerType is { } t) parts.Add(Enums[t]);
        if (rule.Channel is { } ch) parts.Add(Enums[ch]);
        return parts.Count == 0 ? L["AllContracts"] : string.Join(" · ", parts);
    }

    private static Color DecisionColor(CreditDecision d) => d switch
    {
        CreditDecision.AutoAccept => Color.Success,
        CreditDecision.AutoReject => Color.Error,
        CreditDecision.AcceptWithPrepayment => Color.Warning,
        _ => Color.Info,
    };
}
