//! The names by which enums are stored and sent (`ENABLED`, `APP_OTP` …), declared once per
//! enum: `as_str` for writing, `TryFrom<&str>` for reading, so that a row holding a name this
//! version does not know is an error, never a default.

use std::fmt;

/// A stored or received name that is none of its enum's.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownName {
    pub kind: &'static str,
    pub name: String,
}

impl fmt::Display for UnknownName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?} is no {}", self.name, self.kind)
    }
}

impl std::error::Error for UnknownName {}

/// `stored_names!(ProfileStatus { Enabled => "ENABLED", Disabled => "DISABLED" });` gives
/// `ALL`, `as_str`, `Display` and `TryFrom<&str>`.
macro_rules! stored_names {
    ($ty:ident { $($variant:ident => $name:literal),+ $(,)? }) => {
        impl $ty {
            /// Every variant, for tests and lists; not every enum has a use for it.
            #[allow(dead_code)]
            pub const ALL: &'static [Self] = &[$(Self::$variant),+];

            pub const fn as_str(self) -> &'static str {
                match self {
                    $(Self::$variant => $name),+
                }
            }
        }

        impl std::fmt::Display for $ty {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl TryFrom<&str> for $ty {
            type Error = $crate::stored_names::UnknownName;

            fn try_from(name: &str) -> Result<Self, Self::Error> {
                match name {
                    $($name => Ok(Self::$variant),)+
                    other => Err($crate::stored_names::UnknownName {
                        kind: stringify!($ty),
                        name: other.to_owned(),
                    }),
                }
            }
        }
    };
}

pub(crate) use stored_names;

#[cfg(test)]
mod tests {
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    enum Colour {
        Red,
        Green,
    }
    stored_names!(Colour { Red => "RED", Green => "GREEN" });

    #[test]
    fn every_name_reads_back_and_a_strange_one_is_an_error() {
        for colour in Colour::ALL {
            assert_eq!(Colour::try_from(colour.as_str()), Ok(*colour));
        }
        let error = Colour::try_from("red").unwrap_err();
        assert_eq!(error.to_string(), "\"red\" is no Colour");
    }
}
