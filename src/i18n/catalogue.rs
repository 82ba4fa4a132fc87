//! The shape of a catalogue: one struct per area of the product, so a text missing in one
//! language fails to compile, and `texts()` lists an area's texts for the tests that compare
//! the languages.

/// Declares an area: a struct of texts and the list of them.
macro_rules! area {
    ($(#[$meta:meta])* $name:ident { $($(#[$field_meta:meta])* $field:ident,)* }) => {
        $(#[$meta])*
        pub struct $name {
            $($(#[$field_meta])* pub $field: &'static str,)*
        }

        impl $name {
            /// Every text of the area, by name.
            pub fn texts(&self) -> Vec<(&'static str, &'static str)> {
                vec![$((stringify!($field), self.$field)),*]
            }
        }
    };
}

area!(
    /// Words every page shares: the frame, the buttons, the pages for a wrong path or a missing log-in.
    Common {
        /// This language's name in itself, shown on the switch that selects it.
        language_name,
        switch_language,
        app_name,
        skip_to_content,
        not_found_title,
        not_found_text,
        sign_in_required_title,
        sign_in_required_text,
        back_to_login,
        submit,
        close,
        cancel,
        continue_label,
        print,
        accept,
        back_home,
        loading,
        /// The heading over a failure to load a page that is no one's fault but the server's or the line's.
        trouble_title,
        try_again,
        confirm,
    }
);

area!(
    /// The log-in pages (seed Appendix B, step 8) and what they say of a malformed ID (R1–R3).
    Login {
        terminal_login_title,
        dms_login_title,
        operator_login_title,
        login_intro,
        user_id_label,
        password_label,
        log_in,
        logging_in,
        forgot_password,
        dms_link,
        terminal_link,
        id_empty,
        id_wrong_length,
        id_bad_character,
        id_must_start_with_letter,
        id_is_da_suffix,
        id_not_da_suffix,
        id_not_operator,
        smartcard_button,
        two_factor_heading,
        smartcard_intro,
        srn_label,
        pin_label,
        smartcard_only,
    }
);

area!(
    /// "Forgot/Reset your Password" (steps 3–7) and the password policy (R17).
    Password {
        reset_sent,
        policy_too_short,
        policy_too_long,
        policy_not_user_id,
        policy_common,
        policy_match,
        policy_unmet,
        reset_intro,
        reset_otp_label,
        new_password_label,
        confirm_password_label,
        policy_heading,
        policy_state_met,
        policy_state_unmet,
        policy_server_note,
        reset_done,
        policy_no_control,
        policy_not_blank,
    }
);

area!(
    /// REGISTER DEVICE, SKIP THIS STEP, the one-time password and recovery codes (R19–R23).
    TwoFactor {
        otp_empty,
        otp_malformed,
        otp_wrong,
        otp_expired,
        otp_none_live,
        otp_replayed,
        recovery_wrong,
        device_not_pending,
        no_email_for_otp,
        channel_not_email,
        channel_already_email,
        save_codes,
        otp_countdown,
        otp_countdown_over,
        send_again,
        register_title,
        register_intro,
        register_device,
        register_scan,
        qr_label,
        manual_key,
        login_using_code,
        app_code_label,
        skip_step,
        skip_warning_title,
        skip_warning,
        recovery_title,
        recovery_intro,
        otp_title,
        otp_intro_app,
        otp_intro_email,
        otp_label,
        use_recovery,
        recovery_label,
        use_otp_instead,
        email_sent_again,
        device_already_registered,
        skip_not_offered,
    }
);

area!(
    /// The home pages (step 15; R21): who is signed in and the log-in before this one.
    Home {
        terminal_home_title,
        dms_home_title,
        operator_home_title,
        signed_in_as,
        previous_login,
        first_login,
        method_app,
        method_email,
        method_recovery,
        method_smartcard,
        recovery_left,
        profile_settings,
        log_out,
    }
);

area!(
    /// Profile settings: the OTP channel and the device (R22, R26a).
    Settings {
        channel_heading,
        channel_now_app,
        channel_now_email,
        switch_to_email,
        switch_to_email_intro,
        switch_to_app,
        channel_switched_email,
        channel_switched_app,
        replace_device,
        replace_device_intro,
        switch_to_app_intro,
        send_code,
        email_code_label,
    }
);

area!(
    /// What the server answers when it refuses, in words a user can act on.
    Errors {
        email_empty,
        email_too_long,
        email_malformed,
        password_empty,
        field_too_long,
        invalid_input,
        malformed_request,
        invalid_credentials,
        profile_disabled,
        profile_not_yet_enabled,
        profile_expired,
        two_factor_not_open,
        unauthenticated,
        forbidden,
        not_found,
        csrf_rejected,
        unavailable,
        network_error,
        internal_error,
        too_many_attempts,
        account_locked_user,
        account_locked_da,
        account_locked_operator,
        reset_ticket_invalid,
        password_reused,
        finish_login_first,
        too_many_codes,
        proof_needed,
        already_exists,
        /// Too many log-ins at this moment for the server to check passwords at once.
        overloaded,
        /// R11: the DMS is closed; `{opens}` is when it opens, Hong Kong time.
        outside_service_hours,
        not_offered,
        method_not_allowed,
        body_too_large,
        request_timed_out,
        clock_out_of_range,
        invalid_card,
        smartcard_ended,
        certificate_expired,
        card_srn_empty,
        card_srn_malformed,
        card_pin_malformed,
    }
);

area!(
    /// The demo mailbox page (demo mode without SMTP only).
    Mailbox {
        title,
        intro,
        empty,
        to,
        refresh,
    }
);

area!(
    /// The e-mails: one-time passwords (R23) and notices of changes to a log-in (R26d).
    Mail {
        otp_subject,
        purpose_reset,
        purpose_login,
        purpose_channel,
        otp_line,
        otp_expiry,
        otp_requested_from,
        otp_not_you,
        notice_subject,
        notice_password,
        notice_device,
        notice_device_replaced,
        notice_channel_email,
        notice_recovery,
        notice_locked,
        notice_not_you,
    }
);

area!(
    /// The DMS (seed Appendix A): its tabs, the header and the User Profile Listing (R28).
    Dms {
        view_listings,
        user_profile_listing,
        /// `{user}`, `{role}` and `{participant}`.
        header,
        role_maker,
        role_checker,
        column_user_id,
        column_name,
        column_email,
        column_status,
        column_channel,
        column_locked,
        column_enable_from,
        column_disable_after,
        column_last_login,
        filters_heading,
        filter_no_email,
        filter_locked,
        filter_disabled,
        filter_never_2fa,
        filter_inactive,
        /// `{count}`.
        total,
        previous_page,
        next_page,
        /// `{page}` and `{pages}`.
        page_of,
        yes,
        no,
        channel_app,
        channel_email,
        /// The listing as a CSV file (R28).
        download,
    }
);

area!(
    /// Maintaining user profiles under maker–checker (seed Appendix A; R4–R10): the functions,
    /// the detail screen, the request and its authorisation, and what the server answers.
    Maintain {
        maintain_user_profile,
        authorisation,
        enquire_user_profile,
        change_user_profile,
        create_user_profile,
        delete_user_profile,
        unlock_user,
        reset_soft_token,
        pending_requests,
        get_authorisation_code,
        audit_trail,
        user_id,
        submit,
        /// `{function}`: the function's name, as the seed's "Change User Profile - Detail".
        detail_title,
        end_user_profile,
        da_profile,
        user_status,
        enabled,
        disabled,
        surname,
        other_names,
        email,
        enable_from,
        disable_after,
        optional,
        clearing_houses,
        house_cash,
        house_hkcc,
        house_seoch,
        business_user_groups,
        access_levels,
        srn,
        certificate_expiry,
        locked,
        otp_channel,
        last_login,
        none,
        change,
        create,
        delete,
        unlock,
        reset,
        /// R5; `{domain}`.
        webmail_warning,
        request_pending,
        /// `{maker}`, `{at}`, `{expires}`.
        request_made_by,
        field,
        before,
        after,
        checker_id,
        /// The seed's spelling on the maker's screen.
        authorization_code,
        confirm,
        /// R10, verbatim from the seed.
        changed_successfully,
        created_successfully,
        deleted_successfully,
        unlocked_successfully,
        reset_successfully,
        withdraw,
        withdrawn,
        reject,
        reject_reason,
        rejected,
        status,
        status_pending,
        status_authorised,
        status_rejected,
        status_withdrawn,
        status_expired,
        status_stale,
        made_by_you,
        request,
        maker,
        made_at,
        expires,
        no_pending,
        open,
        /// `{month}`.
        code_intro,
        /// `{date}`.
        code_valid_until,
        at,
        actor,
        action,
        subject,
        detail,
        unknown_user,
        unknown_request,
        da_profile_read_only,
        not_a_maker,
        not_a_checker,
        own_request,
        not_the_maker,
        already_pending,
        /// `{status}`.
        not_pending,
        stale,
        expired,
        nothing_changed,
        not_locked,
        id_taken,
        checker_unknown,
        checker_is_you,
        code_wrong,
        /// `{checker}`, `{until}`.
        code_blocked,
        reason_required,
        field_required,
        not_a_date,
        disable_before_enable,
        bad_character,
        /// `{user}`, `{at}`.
        mail_email_old,
        /// `{user}`, `{at}`.
        mail_email_new,
        /// `{user}`, `{at}`.
        mail_soft_token_reset,
        mail_waiting_subject,
        /// `{count}`, `{participant}`.
        mail_waiting,
        /// `{user}`, `{at}`.
        mail_code_blocked,
        id_not_yours,
        moved_on,
        agent_email_only,
    }
);

area!(
    /// The operator console: phases (R12), Table 1 (R13), four eyes among operators (R6a), the
    /// holiday calendar.
    Console {
        phase_pre_parallel,
        phase_parallel,
        phase_post_parallel,
        fn_create_da,
        fn_maintain_da,
        fn_delete_da,
        fn_create_user,
        fn_maintain_user,
        fn_register_email,
        fn_delete_user,
        fn_business_groups,
        fn_da_functions,
        by_operator,
        by_da,
        /// `{function}`, `{actor}`, `{phase}`: Table 1 (R13).
        not_in_phase,
        /// `{from}`.
        phase_backwards,
        own_request,
        not_the_maker,
        already_pending,
        /// `{status}`.
        not_pending,
        stale,
        unknown_request,
        unknown_participant,
        unknown_da,
        unknown_operator,
        da_of_other_participant,
        not_a_da_id,
        not_yourself,
        /// `{row}`, `{problem}`.
        holiday_row,
        holiday_bad_date,
        holiday_no_name,
        holiday_twice,
        holiday_empty,
        /// `{date}`.
        calendar_ends,
        nav_participants,
        nav_requests,
        nav_phase,
        nav_holidays,
        nav_operators,
        participant_id,
        participant_name,
        participant_kind,
        principal,
        profiles,
        create_participant,
        kind_clearing,
        kind_custodian,
        kind_stock_pledgee,
        kind_clearing_agency,
        kind_designated_bank,
        das_of,
        open_das,
        da_id,
        role,
        role_maker,
        role_checker,
        status,
        locked,
        name,
        email,
        surname,
        other_names,
        enable_from,
        request_new_da,
        new_email,
        request_email,
        request_delete,
        unlock,
        reset_soft_token,
        done,
        requested,
        no_requests,
        action_create_da,
        action_delete_da,
        action_set_da_email,
        action_move_phase,
        action_add_operator,
        action_remove_operator,
        subject,
        maker,
        made_at,
        changes,
        approve,
        reject,
        withdraw,
        reason,
        made_by_you,
        approved,
        phase_now,
        phase_last,
        move_explain_parallel,
        move_explain_post,
        understand,
        request_move,
        day,
        holiday_name,
        upload_label,
        replace_calendar,
        replaced,
        operator_id,
        request_add_operator,
        request_remove_operator,
        create_user,
        user_id,
        setup_title,
        setup_intro,
        setup_no_link,
        setup_set,
        disable,
        enable,
        reset_card_pin,
        new_pin,
    }
);

area!(
    /// The cut-over to POST_PARALLEL (R15) and the readiness report (R29): the dry run, the
    /// archive of removed profiles, the counts and their chart.
    CutOver {
        unconfirmed,
        unknown_archive_entry,
        not_archived,
        nav_readiness,
        nav_cut_over,
        nav_archive,
        readiness_title,
        readiness_intro,
        counted_at,
        col_participant,
        col_name,
        col_profiles,
        col_with_email,
        col_without_email,
        col_two_factor,
        col_smartcard_only,
        col_never,
        total,
        chart_title,
        chart_bar,
        chart_login_row,
        chart_email_row,
        download_csv,
        dms_readiness_title,
        show_missing_email,
        cut_over_title,
        cut_over_intro,
        not_parallel,
        cut_over_summary,
        col_users_removed,
        col_das_removed,
        col_maker_after,
        col_checker_after,
        kept,
        none_left,
        das_title,
        das_warning,
        no_das,
        at_risk_title,
        confirm_participant,
        users_title,
        all_participants,
        filter_participant,
        no_users,
        request_cut_over,
        cut_over_requested,
        read_dry_run,
        archive_title,
        archive_intro,
        col_user_id,
        col_kind,
        col_archived_at,
        col_state,
        col_action,
        state_archived,
        state_restored,
        state_replaced,
        request_restore,
        archive_empty,
        action_restore_profile,
        kind_user,
        kind_da,
    }
);
