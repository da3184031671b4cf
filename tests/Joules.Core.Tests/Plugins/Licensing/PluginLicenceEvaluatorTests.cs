using Joules.Core.Plugins.Licensing;

namespace Joules.Core.Tests.Plugins.Licensing;

public class PluginLicenceEvaluatorTests : LicenceTestBase
{
    private static readonly TimeSpan Tick = TimeSpan.FromTicks(1);

    [Fact]
    public void State_changes_exactly_at_expiry_and_at_the_end_of_the_grace_period()
    {
        var licence = IssueVerified(Payload(graceDays: 14));
        var clock = new ManualTimeProvider(Expiry - Tick);
        var evaluator = new PluginLicenceEvaluator(clock);
        var graceEnd = Expiry.AddDays(14);

        var before = evaluator.Evaluate([licence], Plugin);
        before.State.ShouldBe(LicenceState.Licensed);
        before.AllowsChanges.ShouldBeTrue();
        before.ExpiresAt.ShouldBe(Expiry);
        before.GraceEndsAt.ShouldBe(graceEnd);
        before.LicenceId.ShouldBe("L-2026-001");
        before.Licensee.ShouldBe("Stadtwerke Musterstadt GmbH");
        before.Reason.ShouldBe($"Das Plugin „{Plugin}“ ist lizenziert bis 01.01.2027 00:00 UTC (Lizenz „L-2026-001“, Stadtwerke Musterstadt GmbH).");

        clock.Now = Expiry;
        var atExpiry = evaluator.Evaluate([licence], Plugin);
        atExpiry.State.ShouldBe(LicenceState.GracePeriod);
        atExpiry.AllowsChanges.ShouldBeTrue();
        atExpiry.Reason.ShouldBe($"Die Lizenz für das Plugin „{Plugin}“ ist am 01.01.2027 00:00 UTC abgelaufen. Das Plugin arbeitet noch bis 15.01.2027 00:00 UTC weiter (Kulanzfrist); bitte verlängern Sie die Lizenz.");

        clock.Now = graceEnd - Tick;
        evaluator.Evaluate([licence], Plugin).State.ShouldBe(LicenceState.GracePeriod);

        clock.Now = graceEnd;
        var readOnly = evaluator.Evaluate([licence], Plugin);
        readOnly.State.ShouldBe(LicenceState.ReadOnly);
        readOnly.AllowsChanges.ShouldBeFalse();
        readOnly.ShowsData.ShouldBeTrue();
        readOnly.Reason.ShouldStartWith($"Die Lizenz für das Plugin „{Plugin}“ ist am 01.01.2027 00:00 UTC abgelaufen, die Kulanzfrist endete am 15.01.2027 00:00 UTC.");

        clock.Now = graceEnd.AddYears(5);
        evaluator.Evaluate([licence], Plugin).State.ShouldBe(LicenceState.ReadOnly);
    }

    [Fact]
    public void Without_grace_days_the_plugin_becomes_read_only_at_expiry()
    {
        var licence = IssueVerified(Payload(graceDays: 0));

        PluginLicenceEvaluator.Evaluate([licence], Plugin, Expiry - Tick).State.ShouldBe(LicenceState.Licensed);
        PluginLicenceEvaluator.Evaluate([licence], Plugin, Expiry).State.ShouldBe(LicenceState.ReadOnly);
    }

    [Fact]
    public void Expiry_given_in_another_offset_is_the_same_instant()
    {
        var licence = IssueVerified(Payload(expiresAt: new DateTimeOffset(2027, 1, 1, 1, 0, 0, TimeSpan.FromHours(1))));

        licence.Payload.Plugins[0].ExpiresAt.Offset.ShouldBe(TimeSpan.Zero);
        PluginLicenceEvaluator.Evaluate([licence], Plugin, Expiry - Tick).State.ShouldBe(LicenceState.Licensed);
        PluginLicenceEvaluator.Evaluate([licence], Plugin, Expiry).State.ShouldBe(LicenceState.GracePeriod);
    }

    [Fact]
    public void Perpetual_licence_expiring_at_the_end_of_time_stays_licensed()
    {
        var perpetual = IssueVerified(Payload(expiresAt: new DateTimeOffset(9999, 12, 31, 23, 59, 0, TimeSpan.Zero)));

        var status = PluginLicenceEvaluator.Evaluate([perpetual], Plugin, Issued);

        status.State.ShouldBe(LicenceState.Licensed);
        status.GraceEndsAt.ShouldBe(DateTimeOffset.MaxValue);
    }

    [Fact]
    public void Plugin_named_by_no_licence_is_unlicensed()
    {
        var licence = IssueVerified(Payload(pluginId: "Joules.Plugins.Other"));

        var status = new PluginLicenceEvaluator(new ManualTimeProvider(Issued)).Evaluate([licence], Plugin);

        status.State.ShouldBe(LicenceState.Unlicensed);
        status.AllowsChanges.ShouldBeFalse();
        status.ShowsData.ShouldBeFalse();
        status.ExpiresAt.ShouldBeNull();
        status.LicenceId.ShouldBeNull();
        status.Reason.ShouldBe($"Für das Plugin „{Plugin}“ ist keine gültige Lizenz installiert.");

        PluginLicenceEvaluator.Evaluate([], Plugin, Issued).State.ShouldBe(LicenceState.Unlicensed);
    }

    [Fact]
    public void Renewal_wins_over_the_expired_licence_for_the_same_plugin()
    {
        var old = IssueVerified(Payload(licenceId: "L-OLD", expiresAt: Expiry));
        var renewal = IssueVerified(Payload(licenceId: "L-NEW", expiresAt: Expiry.AddYears(1)));
        var now = Expiry.AddDays(100); // old one is read-only by now

        foreach (var order in new[] { new[] { old, renewal }, new[] { renewal, old } })
        {
            var status = PluginLicenceEvaluator.Evaluate(order, Plugin, now);
            status.State.ShouldBe(LicenceState.Licensed);
            status.LicenceId.ShouldBe("L-NEW");
            status.ExpiresAt.ShouldBe(Expiry.AddYears(1));
        }
    }

    [Fact]
    public void A_licensed_grant_wins_over_one_in_its_grace_period_even_if_the_grace_period_lasts_longer()
    {
        var longGrace = IssueVerified(Payload(licenceId: "L-GRACE", expiresAt: Expiry, graceDays: 90));
        var shortValid = IssueVerified(Payload(licenceId: "L-VALID", expiresAt: Expiry.AddDays(10), graceDays: 0));

        var status = PluginLicenceEvaluator.Evaluate([longGrace, shortValid], Plugin, Expiry.AddDays(5));

        status.State.ShouldBe(LicenceState.Licensed);
        status.LicenceId.ShouldBe("L-VALID");

        // Once the short one has run out, the other one's grace period is better than read-only.
        var later = PluginLicenceEvaluator.Evaluate([longGrace, shortValid], Plugin, Expiry.AddDays(20));
        later.State.ShouldBe(LicenceState.GracePeriod);
        later.LicenceId.ShouldBe("L-GRACE");
    }

    [Fact]
    public void Of_two_licensed_grants_the_longer_one_wins()
    {
        var shorter = IssueVerified(Payload(licenceId: "L-A", expiresAt: Expiry));
        var longer = IssueVerified(Payload(licenceId: "L-B", expiresAt: Expiry.AddMonths(6)));

        PluginLicenceEvaluator.Evaluate([longer, shorter], Plugin, Issued).LicenceId.ShouldBe("L-B");
        PluginLicenceEvaluator.Evaluate([shorter, longer], Plugin, Issued).LicenceId.ShouldBe("L-B");
    }

    [Fact]
    public void Development_licence_for_all_plugins_covers_any_plugin_id()
    {
        var dev = IssueVerified(Payload(licenceId: "DEV", installation: InstallationId.Any, pluginId: "*", development: true));

        var status = PluginLicenceEvaluator.Evaluate([dev], "Joules.Plugins.Anything", Issued);

        status.State.ShouldBe(LicenceState.Licensed);
        status.LicenceId.ShouldBe("DEV");
    }

    [Fact]
    public void Plugin_ids_match_regardless_of_case()
    {
        var licence = IssueVerified(Payload());

        PluginLicenceEvaluator.Evaluate([licence], Plugin.ToLowerInvariant(), Issued).State.ShouldBe(LicenceState.Licensed);
    }
}
