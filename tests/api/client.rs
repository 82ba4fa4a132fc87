//! The API as the SPA calls it: one method per endpoint, built on `api::paths` and the wire
//! types, so a renamed path or a changed field breaks the tests at compile time. A few raw-JSON
//! contract tests still post literal bodies through `Visitor::post`.

use std::marker::PhantomData;

use ccass_access::api::{
    paths, ApiError, ClockReading, DeviceActivated, DeviceProof, DeviceRegistration, Done,
    HealthResponse, LoginRequest, LoginResponse, MailboxEntry, Me, NewTestParticipant, OtpSent,
    OtpSubmission, ParticipantSummary, PasswordResetComplete, PasswordResetStart,
    PasswordResetTicket, PasswordResetVerify, RecoverySubmission, SetClock, SignedIn,
    TestParticipant, UserListing,
};
use ccass_access::api::{
    AuditTrail, AuthorisationCodeView, Confirmation, PendingRequests, ProfileView, Rejection,
    RequestDraft, RequestView,
};
use ccass_access::api::{
    DaSummaryRow, HolidayCalendarView, HolidayUpload, NewParticipantForm, OperatorNewUser,
    OperatorRequestDraft, OperatorRequestView, PhaseView,
};
use ccass_access::api::{PasskeyAnswer, PasskeyChallenge, PasskeyList};
use reqwest::header::HeaderMap;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

use crate::helpers::Visitor;

/// An answer of the server: its status and headers, and its body as JSON, readable as the wire
/// type `T` of a success or as an [`ApiError`].
pub struct Reply<T = Value> {
    pub status: u16,
    pub headers: HeaderMap,
    pub body: Value,
    wire: PhantomData<T>,
}

/// An answer read as plain JSON.
pub type Answer = Reply<Value>;

impl<T> Reply<T> {
    pub(crate) async fn read(response: reqwest::Response) -> Self {
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let text = response.text().await.unwrap();
        let body = serde_json::from_str(&text).unwrap_or(Value::String(text));
        Self {
            status,
            headers,
            body,
            wire: PhantomData,
        }
    }

    pub fn code(&self) -> &str {
        self.body["code"].as_str().unwrap_or_default()
    }

    pub fn message(&self) -> &str {
        self.body["message"].as_str().unwrap_or_default()
    }

    pub fn field(&self, name: &str) -> &str {
        self.body["fields"][name].as_str().unwrap_or_default()
    }

    pub fn set_cookie(&self) -> String {
        self.headers
            .get("set-cookie")
            .map(|v| v.to_str().unwrap().to_owned())
            .unwrap_or_default()
    }

    /// The error answer, as the SPA reads it.
    pub fn error(&self) -> ApiError {
        assert!(
            self.status >= 400,
            "not an error: {} {:?}",
            self.status,
            self.body
        );
        serde_json::from_value(self.body.clone()).expect("an ApiError body")
    }
}

impl<T: DeserializeOwned> Reply<T> {
    /// The success answer, typed; anything else fails the test with the body.
    pub fn ok(&self) -> T {
        assert!(
            (200..300).contains(&self.status),
            "expected success, got {} {:?}",
            self.status,
            self.body
        );
        serde_json::from_value(self.body.clone()).expect("the wire type of the answer")
    }
}

impl Visitor<'_> {
    async fn call<B: Serialize, T>(&self, path: &str, body: &B) -> Reply<T> {
        let answer = self.post(path, &serde_json::to_value(body).unwrap()).await;
        Reply {
            status: answer.status,
            headers: answer.headers,
            body: answer.body,
            wire: PhantomData,
        }
    }

    async fn read<T>(&self, path: &str) -> Reply<T> {
        let answer = self.get(path).await;
        Reply {
            status: answer.status,
            headers: answer.headers,
            body: answer.body,
            wire: PhantomData,
        }
    }

    pub async fn health(&self) -> Reply<HealthResponse> {
        self.read(paths::HEALTH).await
    }

    /// Step 8: user ID and password.
    pub async fn login(&self, user_id: &str, password: &str) -> Reply<LoginResponse> {
        let request = LoginRequest {
            user_id: user_id.to_owned(),
            password: password.to_owned(),
        };
        self.call(paths::LOGIN, &request).await
    }

    /// R25: the legacy smartcard log-in.
    pub async fn smartcard_login(&self, user_id: &str, srn: &str, pin: &str) -> Reply<SignedIn> {
        let body = ccass_access::api::SmartcardLoginRequest {
            user_id: user_id.to_owned(),
            srn: srn.to_owned(),
            pin: pin.to_owned(),
        };
        self.call(paths::SMARTCARD_LOGIN, &body).await
    }

    pub async fn logout(&self) -> Reply<Done> {
        self.call(paths::LOGOUT, &serde_json::json!({})).await
    }

    pub async fn session(&self) -> Reply<Me> {
        self.read(paths::SESSION).await
    }

    /// "Forgot/Reset your Password", step 1.
    pub async fn reset_password(&self, user_id: &str) -> Reply<OtpSent> {
        let request = PasswordResetStart {
            user_id: user_id.to_owned(),
        };
        self.call(paths::PASSWORD_RESET, &request).await
    }

    pub async fn verify_reset(&self, user_id: &str, otp: &str) -> Reply<PasswordResetTicket> {
        let request = PasswordResetVerify {
            user_id: user_id.to_owned(),
            otp: otp.to_owned(),
        };
        self.call(paths::PASSWORD_RESET_VERIFY, &request).await
    }

    pub async fn complete_reset(
        &self,
        ticket: &str,
        password: &str,
        confirmation: &str,
    ) -> Reply<Done> {
        let request = PasswordResetComplete {
            ticket: ticket.to_owned(),
            password: password.to_owned(),
            confirmation: confirmation.to_owned(),
        };
        self.call(paths::PASSWORD_RESET_COMPLETE, &request).await
    }

    /// REGISTER DEVICE at the first log-in.
    pub async fn start_device(&self) -> Reply<DeviceRegistration> {
        self.call(paths::DEVICE, &serde_json::json!({})).await
    }

    /// LOGIN USING VERIFICATION CODE: the app's first code activates the device.
    pub async fn activate_device(&self, otp: &str) -> Reply<DeviceActivated> {
        self.call(paths::DEVICE_ACTIVATE, &otp_submission(otp))
            .await
    }

    /// SKIP THIS STEP: codes by e-mail.
    pub async fn skip_device(&self) -> Reply<OtpSent> {
        self.call(paths::SKIP_DEVICE, &serde_json::json!({})).await
    }

    /// Send again: a new e-mailed code at log-in.
    pub async fn resend_email_otp(&self) -> Reply<OtpSent> {
        self.call(paths::EMAIL_OTP, &serde_json::json!({})).await
    }

    /// Step 14: the code from the app or the e-mail.
    pub async fn submit_otp(&self, otp: &str) -> Reply<SignedIn> {
        self.call(paths::OTP, &otp_submission(otp)).await
    }

    /// Issue 17: the challenge for a log-in with a passkey, and the passkey's answer.
    pub async fn passkey_challenge(&self) -> Reply<PasskeyChallenge> {
        self.call(paths::PASSKEY_CHALLENGE, &serde_json::json!({}))
            .await
    }

    pub async fn passkey_log_in(&self, answer: &PasskeyAnswer) -> Reply<SignedIn> {
        self.call(paths::PASSKEY_LOGIN, answer).await
    }

    /// "Use a passkey or security key" at a first log-in.
    pub async fn passkey_register_challenge(&self) -> Reply<PasskeyChallenge> {
        self.call(paths::PASSKEY_REGISTER_CHALLENGE, &serde_json::json!({}))
            .await
    }

    pub async fn passkey_register(&self, answer: &PasskeyAnswer) -> Reply<DeviceActivated> {
        self.call(paths::PASSKEY_REGISTER, answer).await
    }

    /// Profile settings: the passkeys, a new one proven by `proof`, the removal of one.
    pub async fn passkeys(&self) -> Reply<PasskeyList> {
        self.read(paths::SETTINGS_PASSKEYS).await
    }

    pub async fn passkey_add_challenge(&self, proof: &DeviceProof) -> Reply<PasskeyChallenge> {
        self.call(paths::SETTINGS_PASSKEY_CHALLENGE, proof).await
    }

    pub async fn passkey_add(&self, answer: &PasskeyAnswer) -> Reply<PasskeyList> {
        self.call(paths::SETTINGS_PASSKEYS, answer).await
    }

    pub async fn passkey_remove(&self, id: &str, proof: &DeviceProof) -> Reply<PasskeyList> {
        self.call(&paths::fill(paths::SETTINGS_PASSKEY_REMOVE, id), proof)
            .await
    }

    pub async fn use_recovery_code(&self, code: &str) -> Reply<SignedIn> {
        let request = RecoverySubmission {
            code: code.to_owned(),
        };
        self.call(paths::RECOVERY, &request).await
    }

    /// Profile settings: codes by e-mail from now on, proven by a code from the app.
    pub async fn switch_to_email(&self, otp: &str) -> Reply<Done> {
        self.call(paths::CHANNEL_EMAIL, &otp_submission(otp)).await
    }

    /// Profile settings: an e-mailed code that proves an e-mail user (R26a).
    pub async fn send_proof_code(&self) -> Reply<OtpSent> {
        self.call(paths::SETTINGS_EMAIL_OTP, &serde_json::json!({}))
            .await
    }

    /// Profile settings: a new device, proven by the present second factor (R26a).
    pub async fn start_new_device(&self, proof: &DeviceProof) -> Reply<DeviceRegistration> {
        self.call(paths::SETTINGS_DEVICE, proof).await
    }

    /// The DMS's User Profile Listing, with a query string such as `page=2&sort=name`.
    pub async fn user_listing(&self, query: &str) -> Reply<UserListing> {
        self.read(&format!("{}?{query}", paths::DMS_USERS)).await
    }

    /// "Enquire User Profile".
    pub async fn enquire(&self, user_id: &str) -> Reply<ProfileView> {
        self.read(&paths::fill(paths::DMS_USER, user_id)).await
    }

    /// A maker's request (R7).
    pub async fn make_request(&self, draft: &RequestDraft) -> Reply<RequestView> {
        self.call(paths::DMS_REQUESTS, draft).await
    }

    pub async fn pending_requests(&self) -> Reply<PendingRequests> {
        self.read(paths::DMS_REQUESTS).await
    }

    pub async fn request(&self, request_id: &str) -> Reply<RequestView> {
        self.read(&paths::fill(paths::DMS_REQUEST, request_id))
            .await
    }

    /// "Confirm" with Checker ID + Authorization Code and the checker's one-time password,
    /// where their participant asks for it at another DA's screen (issue 26).
    pub async fn confirm_with_otp(
        &self,
        request_id: &str,
        checker_id: &str,
        code: &str,
        otp: &str,
    ) -> Reply<RequestView> {
        let body = Confirmation {
            checker_id: checker_id.to_owned(),
            authorisation_code: code.to_owned(),
            checker_otp: otp.to_owned(),
            ..Default::default()
        };
        self.call(&paths::fill(paths::DMS_REQUEST_CONFIRM, request_id), &body)
            .await
    }

    /// Issue 26: at a maker's screen, the challenge for the checker's own passkey.
    pub async fn checker_passkey_challenge(&self, checker_id: &str) -> Reply<PasskeyChallenge> {
        let body = ccass_access::api::CheckerPasskeyChallenge {
            checker_id: checker_id.to_owned(),
        };
        self.call(paths::DMS_CHECKER_PASSKEY_CHALLENGE, &body).await
    }

    /// "Confirm" with the checker's passkey's answer beside their code (issue 26).
    pub async fn confirm_with_passkey(
        &self,
        request_id: &str,
        checker_id: &str,
        code: &str,
        answer: &PasskeyAnswer,
    ) -> Reply<RequestView> {
        let body = Confirmation {
            checker_id: checker_id.to_owned(),
            authorisation_code: code.to_owned(),
            checker_passkey: answer.credential.clone(),
            ..Default::default()
        };
        self.call(&paths::fill(paths::DMS_REQUEST_CONFIRM, request_id), &body)
            .await
    }

    /// Issue 26: whether a participant's checkers give their second factor at others' screens.
    pub async fn set_checker_policy(&self, participant: &str, asked: bool) -> Reply<Done> {
        let body = ccass_access::api::CheckerPolicy {
            second_factor_at_screen: asked,
        };
        self.call(
            &paths::fill(paths::OPERATOR_PARTICIPANT_CHECKER_POLICY, participant),
            &body,
        )
        .await
    }

    /// "Confirm" with Checker ID + Authorization Code.
    pub async fn confirm(
        &self,
        request_id: &str,
        checker_id: &str,
        code: &str,
    ) -> Reply<RequestView> {
        let body = Confirmation {
            checker_id: checker_id.to_owned(),
            authorisation_code: code.to_owned(),
            ..Default::default()
        };
        self.call(&paths::fill(paths::DMS_REQUEST_CONFIRM, request_id), &body)
            .await
    }

    pub async fn reject(&self, request_id: &str, reason: &str) -> Reply<RequestView> {
        let body = Rejection {
            reason: reason.to_owned(),
        };
        self.call(&paths::fill(paths::DMS_REQUEST_REJECT, request_id), &body)
            .await
    }

    pub async fn withdraw(&self, request_id: &str) -> Reply<RequestView> {
        self.call(&paths::fill(paths::DMS_REQUEST_WITHDRAW, request_id), &())
            .await
    }

    /// "Get Authorisation Code" (R9).
    pub async fn authorisation_code(&self) -> Reply<AuthorisationCodeView> {
        self.read(paths::DMS_AUTHORISATION_CODE).await
    }

    /// "Renew my code now" (issue 26).
    pub async fn renew_authorisation_code(&self) -> Reply<AuthorisationCodeView> {
        self.call(paths::DMS_AUTHORISATION_CODE_RENEW, &()).await
    }

    pub async fn audit_trail(&self) -> Reply<AuditTrail> {
        self.read(paths::DMS_AUDIT).await
    }

    pub async fn run_housekeeping(&self) -> Reply<Done> {
        self.call(paths::TEST_HOUSEKEEPING, &()).await
    }

    /// The operator console: a request for a second operator (R6a).
    pub async fn operator_request(
        &self,
        draft: &OperatorRequestDraft,
    ) -> Reply<OperatorRequestView> {
        self.call(paths::OPERATOR_REQUESTS, draft).await
    }

    pub async fn operator_requests(&self) -> Reply<Vec<OperatorRequestView>> {
        self.read(paths::OPERATOR_REQUESTS).await
    }

    pub async fn approve(&self, request_id: &str) -> Reply<OperatorRequestView> {
        self.call(
            &paths::fill(paths::OPERATOR_REQUEST_APPROVE, request_id),
            &(),
        )
        .await
    }

    pub async fn reject_operator_request(
        &self,
        request_id: &str,
        reason: &str,
    ) -> Reply<OperatorRequestView> {
        let body = Rejection {
            reason: reason.to_owned(),
        };
        self.call(
            &paths::fill(paths::OPERATOR_REQUEST_REJECT, request_id),
            &body,
        )
        .await
    }

    pub async fn withdraw_operator_request(&self, request_id: &str) -> Reply<OperatorRequestView> {
        self.call(
            &paths::fill(paths::OPERATOR_REQUEST_WITHDRAW, request_id),
            &(),
        )
        .await
    }

    /// Issue 28: the console's applications, under four eyes.
    pub async fn clients(&self) -> Reply<Vec<ccass_access::api::ClientView>> {
        self.read(paths::OPERATOR_CLIENTS).await
    }

    pub async fn client_request(
        &self,
        draft: &ccass_access::api::ClientRequestDraft,
    ) -> Reply<OperatorRequestView> {
        self.call(paths::OPERATOR_CLIENT_REQUESTS, draft).await
    }

    pub async fn client_requests(&self) -> Reply<Vec<OperatorRequestView>> {
        self.read(paths::OPERATOR_CLIENT_REQUESTS).await
    }

    pub async fn approve_client_request(&self, request_id: &str) -> Reply<OperatorRequestView> {
        self.call(
            &paths::fill(paths::OPERATOR_CLIENT_REQUEST_APPROVE, request_id),
            &(),
        )
        .await
    }

    pub async fn reject_client_request(
        &self,
        request_id: &str,
        reason: &str,
    ) -> Reply<OperatorRequestView> {
        let body = Rejection {
            reason: reason.to_owned(),
        };
        self.call(
            &paths::fill(paths::OPERATOR_CLIENT_REQUEST_REJECT, request_id),
            &body,
        )
        .await
    }

    pub async fn withdraw_client_request(&self, request_id: &str) -> Reply<OperatorRequestView> {
        self.call(
            &paths::fill(paths::OPERATOR_CLIENT_REQUEST_WITHDRAW, request_id),
            &(),
        )
        .await
    }

    pub async fn participant_das(&self, participant: &str) -> Reply<Vec<DaSummaryRow>> {
        self.read(&paths::fill(paths::OPERATOR_PARTICIPANT_DAS, participant))
            .await
    }

    pub async fn create_participant(&self, form: &NewParticipantForm) -> Reply<Done> {
        self.call(paths::OPERATOR_PARTICIPANTS, form).await
    }

    pub async fn create_user_as_operator(&self, form: &OperatorNewUser) -> Reply<Done> {
        self.call(paths::OPERATOR_USERS, form).await
    }

    pub async fn change_da(&self, da: &str, change: &ccass_access::api::DaChange) -> Reply<Done> {
        self.call(&paths::fill(paths::OPERATOR_DA, da), change)
            .await
    }

    /// Asks for a new smartcard PIN: a request a second operator approves (issue 26).
    pub async fn reset_card_pin(&self, da: &str) -> Reply<OperatorRequestView> {
        self.call(&paths::fill(paths::OPERATOR_DA_CARD_PIN, da), &())
            .await
    }

    pub async fn unlock_da(&self, da: &str) -> Reply<Done> {
        self.call(&paths::fill(paths::OPERATOR_DA_UNLOCK, da), &())
            .await
    }

    pub async fn phase(&self) -> Reply<PhaseView> {
        self.read(paths::PHASE).await
    }

    pub async fn holidays(&self) -> Reply<HolidayCalendarView> {
        self.read(paths::OPERATOR_HOLIDAYS).await
    }

    /// Asks to replace the calendar: a request a second operator approves (issue 26).
    pub async fn upload_holidays(&self, csv: &str) -> Reply<OperatorRequestView> {
        let body = HolidayUpload {
            csv: csv.to_owned(),
        };
        self.call(paths::OPERATOR_HOLIDAYS, &body).await
    }

    /// The operator console: every participant (operators only).
    /// Issue 17: whether a participant's users may receive one-time passwords by e-mail.
    pub async fn set_factor_policy(
        &self,
        participant: &str,
        email_otp_allowed: bool,
    ) -> Reply<Done> {
        let path = paths::fill(paths::OPERATOR_PARTICIPANT_FACTOR_POLICY, participant);
        let body = ccass_access::api::FactorPolicy { email_otp_allowed };
        self.call(&path, &body).await
    }

    pub async fn operator_participants(&self) -> Reply<Vec<ParticipantSummary>> {
        self.read(paths::OPERATOR_PARTICIPANTS).await
    }

    /// Bulk e-mail registration: the file checked, nothing written.
    pub async fn check_email_batch(&self, csv: &str) -> Reply<ccass_access::api::EmailBatchCheck> {
        let body = ccass_access::api::EmailBatchUpload {
            csv: csv.to_owned(),
        };
        self.call(paths::DMS_EMAIL_BATCH_CHECK, &body).await
    }

    pub async fn make_email_batch(&self, csv: &str) -> Reply<ccass_access::api::EmailBatchView> {
        let body = ccass_access::api::EmailBatchUpload {
            csv: csv.to_owned(),
        };
        self.call(paths::DMS_EMAIL_BATCHES, &body).await
    }

    pub async fn email_batch(&self, batch_id: &str) -> Reply<ccass_access::api::EmailBatchView> {
        self.read(&paths::fill(paths::DMS_EMAIL_BATCH, batch_id))
            .await
    }

    pub async fn email_batches(&self) -> Reply<Vec<ccass_access::api::EmailBatchSummary>> {
        self.read(paths::DMS_EMAIL_BATCHES).await
    }

    pub async fn confirm_email_batch(
        &self,
        batch_id: &str,
        checker_id: &str,
        code: &str,
    ) -> Reply<ccass_access::api::EmailBatchView> {
        let body = Confirmation {
            checker_id: checker_id.to_owned(),
            authorisation_code: code.to_owned(),
            ..Default::default()
        };
        self.call(
            &paths::fill(paths::DMS_EMAIL_BATCH_CONFIRM, batch_id),
            &body,
        )
        .await
    }

    pub async fn reject_email_batch(
        &self,
        batch_id: &str,
        reason: &str,
    ) -> Reply<ccass_access::api::EmailBatchView> {
        let body = Rejection {
            reason: reason.to_owned(),
        };
        self.call(&paths::fill(paths::DMS_EMAIL_BATCH_REJECT, batch_id), &body)
            .await
    }

    pub async fn withdraw_email_batch(
        &self,
        batch_id: &str,
    ) -> Reply<ccass_access::api::EmailBatchView> {
        self.call(&paths::fill(paths::DMS_EMAIL_BATCH_WITHDRAW, batch_id), &())
            .await
    }

    /// The readiness report (R29), every participant (operators only).
    pub async fn readiness(&self) -> Reply<ccass_access::api::ReadinessReport> {
        self.read(paths::OPERATOR_READINESS).await
    }

    /// A DA's own participant's readiness.
    pub async fn own_readiness(&self) -> Reply<ccass_access::api::ReadinessRow> {
        self.read(paths::DMS_READINESS).await
    }

    /// The cut-over's dry run (R15).
    pub async fn dry_run(&self) -> Reply<ccass_access::api::CutOverDryRun> {
        self.read(paths::OPERATOR_CUT_OVER).await
    }

    /// The users the cut-over would remove, of one participant, a page.
    pub async fn users_to_remove(
        &self,
        participant: &str,
        page: u32,
    ) -> Reply<ccass_access::api::CutOverProfilePage> {
        self.read(&format!(
            "{}?participant={participant}&page={page}",
            paths::OPERATOR_CUT_OVER_PROFILES
        ))
        .await
    }

    pub async fn archive(&self, participant: &str) -> Reply<ccass_access::api::ArchivePage> {
        self.read(&format!(
            "{}?participant={participant}",
            paths::OPERATOR_ARCHIVE
        ))
        .await
    }

    /// A CSV download, as text.
    pub async fn csv(&self, path: &str) -> (u16, String) {
        let answer = self.get(path).await;
        (
            answer.status,
            answer.body.as_str().unwrap_or_default().to_owned(),
        )
    }

    pub async fn mailbox(&self) -> Reply<Vec<MailboxEntry>> {
        self.read(paths::MAILBOX).await
    }

    pub async fn clock(&self) -> Reply<ClockReading> {
        self.read(paths::TEST_CLOCK).await
    }

    pub async fn set_clock(&self, request: &SetClock) -> Reply<ClockReading> {
        self.call(paths::TEST_CLOCK, request).await
    }

    pub async fn new_participant(&self, request: &NewTestParticipant) -> Reply<TestParticipant> {
        self.call(paths::TEST_PARTICIPANTS, request).await
    }
}

fn otp_submission(otp: &str) -> OtpSubmission {
    OtpSubmission {
        otp: otp.to_owned(),
    }
}
