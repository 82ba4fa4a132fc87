//! `Debug` for wire types that carry secrets: the secret fields print `[redacted]`, so a log line
//! or a panic message with such a value leaks nothing.

/// `debug_redacting!(LoginRequest { user_id } redacts { password })` prints
/// `LoginRequest { user_id: "B0123401", password: [redacted] }`.
macro_rules! debug_redacting {
    ($ty:ident { $($shown:ident),* } redacts { $($hidden:ident),+ }) => {
        impl std::fmt::Debug for $ty {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.debug_struct(stringify!($ty))
                    $(.field(stringify!($shown), &self.$shown))*
                    $(.field(stringify!($hidden), &format_args!("[redacted]")))+
                    .finish()
            }
        }
    };
}

pub(crate) use debug_redacting;

#[cfg(test)]
mod tests {
    use crate::api::{
        DeviceActivated, DeviceRegistration, Home, LoginRequest, OtpSubmission,
        PasswordResetComplete, PasswordResetTicket, PasswordResetVerify, RecoverySubmission,
    };

    fn shows_no(secret: &str, debug: String) {
        assert!(!debug.contains(secret), "{debug}");
        assert!(debug.contains("[redacted]"), "{debug}");
    }

    #[test]
    fn wire_types_with_secrets_print_redacted() {
        let login = LoginRequest {
            user_id: "B0123401".into(),
            password: "hunter2-hunter2".into(),
        };
        let debug = format!("{login:?}");
        assert!(debug.contains("B0123401"));
        shows_no("hunter2", debug);
        let otp = "493817".to_owned();
        shows_no(&otp, format!("{:?}", OtpSubmission { otp: otp.clone() }));
        let verify = PasswordResetVerify {
            user_id: "B0123401".into(),
            otp: otp.clone(),
        };
        shows_no(&otp, format!("{verify:?}"));
        let ticket = "TICKET-SECRET".to_owned();
        shows_no(
            &ticket,
            format!(
                "{:?}",
                PasswordResetTicket {
                    ticket: ticket.clone()
                }
            ),
        );
        let complete = PasswordResetComplete {
            ticket: ticket.clone(),
            password: "new-secret-pass".into(),
            confirmation: "new-secret-pass".into(),
        };
        let debug = format!("{complete:?}");
        shows_no("new-secret-pass", debug.clone());
        shows_no(&ticket, debug);
        shows_no(
            "ABCDE-FGHJK",
            format!(
                "{:?}",
                RecoverySubmission {
                    code: "ABCDE-FGHJK".into()
                }
            ),
        );
        let device = DeviceRegistration {
            otpauth_uri: "otpauth://totp/x?secret=JBSWY3DPEHPK3PXP".into(),
            secret: "JBSWY3DPEHPK3PXP".into(),
        };
        shows_no("JBSWY3DPEHPK3PXP", format!("{device:?}"));
        let activated = DeviceActivated {
            recovery_codes: vec!["ABCDE-FGHJK".into()],
            home: Home::Terminal,
        };
        shows_no("ABCDE-FGHJK", format!("{activated:?}"));
    }
}
