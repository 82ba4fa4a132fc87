//! Outgoing mail: recorded in the outbox by the request that causes it, then delivered by the
//! background [`sender`] through SMTP with lettre when `--smtp-url` is given, otherwise into the
//! local mailbox that the demo page `/dev/mailbox` lists.

mod compose;
pub mod sender;

use anyhow::Context;
use jiff::Timestamp;
use lettre::message::{header::ContentType, Mailbox, MultiPart, SinglePart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

pub use compose::{notice_mail, otp_mail, waiting_mail, Notice, OtpMailFacts};

use super::store::{ClaimedMail, MailKind, NewMail, Store};
use crate::domain::EmailAddress;

/// The sender of every message.
const FROM: &str = "CCASS Access <no-reply@ccass-access.example.com>";

/// A message ready to send: the same content as plain text and as HTML.
pub struct OutgoingMail {
    pub to: EmailAddress,
    pub subject: String,
    pub text: String,
    pub html: String,
}

impl OutgoingMail {
    /// The outbox row that records this message for delivery.
    pub fn into_outbox<'a>(self, kind: MailKind, login_id: Option<&'a str>) -> NewMail<'a> {
        NewMail {
            kind,
            login_id,
            to: self.to.as_str().to_owned(),
            subject: self.subject,
            text: self.text,
            html: self.html,
        }
    }
}

#[derive(Clone)]
pub enum Mailer {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    LocalMailbox(Store),
}

impl Mailer {
    pub fn new(smtp_url: Option<&str>, store: Store) -> anyhow::Result<Self> {
        match smtp_url {
            Some(url) => {
                let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
                    .context("parsing --smtp-url")?
                    .build();
                Ok(Self::Smtp(transport))
            }
            None => Ok(Self::LocalMailbox(store)),
        }
    }

    pub fn is_local(&self) -> bool {
        matches!(self, Self::LocalMailbox(_))
    }

    /// Delivers one outbox row, under the Message-ID it keeps across attempts.
    pub async fn send(&self, mail: &ClaimedMail, at: Timestamp) -> anyhow::Result<()> {
        match self {
            Self::Smtp(transport) => {
                let to: Mailbox = mail.to.parse().context("recipient address")?;
                let message = Message::builder()
                    .from(FROM.parse().context("sender address")?)
                    .to(to)
                    .message_id(Some(mail.message_id.clone()))
                    .subject(mail.subject.clone())
                    .multipart(
                        MultiPart::alternative()
                            .singlepart(
                                SinglePart::builder()
                                    .header(ContentType::TEXT_PLAIN)
                                    .body(mail.text.clone()),
                            )
                            .singlepart(
                                SinglePart::builder()
                                    .header(ContentType::TEXT_HTML)
                                    .body(mail.html.clone()),
                            ),
                    )
                    .context("building the message")?;
                transport
                    .send(message)
                    .await
                    .context("sending through SMTP")?;
                Ok(())
            }
            Self::LocalMailbox(store) => store.deliver_locally(mail, at).await,
        }
    }
}
