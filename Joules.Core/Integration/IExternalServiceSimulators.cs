namespace Joules.Core.Integration;

/// <summary>Where the simulated external services (SMS gateway under <c>sms/</c>, later others) answer, when the host
/// runs them (setting <c>Joules:Simulators:Enabled</c>). <b>For the demo and tests only</b>: plugins use it as a fallback
/// when a brand has configured no real service, and say so on their settings page.</summary>
public interface IExternalServiceSimulators
{
    /// <summary>The simulator server's address with a trailing slash (e.g. <c>http://127.0.0.1:41234/</c>); null when
    /// the simulators are disabled or not started (yet).</summary>
    Uri? BaseUrl { get; }
}
