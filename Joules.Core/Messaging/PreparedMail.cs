namespace Joules.Core.Messaging;

/// <summary>A message already serialised by its sender, with its envelope: for bulk senders that build the MIME text
/// themselves (one template, thousands of recipients) instead of a <see cref="MimeKit.MimeMessage"/> per recipient.</summary>
/// <param name="Sender">The envelope sender (MAIL FROM), a plain address.</param>
/// <param name="Recipient">The envelope recipient (RCPT TO), a plain address.</param>
/// <param name="Content">The whole message (RFC 5322): header fields, an empty line, the body; CRLF line ends and
/// 7-bit only (header fields encoded per RFC 2047, bodies quoted-printable or base64). The transport sends it as it is
/// (dot-stuffing aside); <c>MIME-Version</c> is added when missing.</param>
public sealed record PreparedMail(string Sender, string Recipient, ReadOnlyMemory<byte> Content);
