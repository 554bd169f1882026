//! libyaml's event stream as owned Rust values: the only unsafe code of the
//! crate, kept to this module.
//!
//! The parser is `unsafe-libyaml`, libyaml 0.2.5 translated to Rust: the
//! YAML 1.1 parser PyYAML ships as its C loader, written to the same design
//! as PyYAML's pure-Python parser (which rez uses), so the two agree on what
//! is YAML. Its parser is a state machine over explicit stacks, so nesting
//! costs it heap, not call stack, and it puts no limit of its own on nesting
//! ([`super::compose`] bounds it). It reports faults as values, never by
//! panicking.

use std::ffi::CStr;
use std::mem::MaybeUninit;

/// One parse event, with the 1-based line it starts on.
pub(super) struct Event {
    pub(super) line: usize,
    pub(super) data: EventData,
}

/// What an event says (libyaml's event types, the ones a composer uses).
pub(super) enum EventData {
    /// A document starts (anchors are per document).
    DocumentStart,
    /// A document ends.
    DocumentEnd,
    /// The stream ended: no event follows.
    StreamEnd,
    /// An alias (`*name`).
    Alias { anchor: String },
    /// A scalar, with its tag as written out in full (`!` for the
    /// non-specific tag) and whether it was written plain (no quotes, no
    /// block indicator).
    Scalar {
        anchor: Option<String>,
        tag: Option<String>,
        value: String,
        plain: bool,
    },
    SequenceStart {
        anchor: Option<String>,
        tag: Option<String>,
    },
    MappingStart {
        anchor: Option<String>,
        tag: Option<String>,
    },
    /// The innermost open sequence or mapping ends.
    CollectionEnd,
    /// Anything else (the stream start).
    Other,
}

/// A parse fault: the 1-based line of the problem and libyaml's words
/// (which are PyYAML's: "while parsing a flow sequence: did not find
/// expected ',' or ']'").
pub(super) struct SyntaxError {
    pub(super) line: usize,
    pub(super) message: String,
    /// The byte offset of the problem in the text.
    pub(super) at: usize,
    /// The byte offset of what libyaml was reading when it met the problem
    /// (a simple key's start), when it says.
    pub(super) context_at: Option<usize>,
}

/// A libyaml parser over a borrowed text.
pub(super) struct Parser<'t> {
    parser: Box<MaybeUninit<unsafe_libyaml::yaml_parser_t>>,
    /// Whether libyaml set the parser up (it fails only when it cannot
    /// allocate).
    initialised: bool,
    /// The text libyaml reads from (it keeps a pointer to it).
    text: &'t [u8],
    done: bool,
}

fn line(mark: unsafe_libyaml::yaml_mark_t) -> usize {
    usize::try_from(mark.line)
        .unwrap_or(usize::MAX)
        .saturating_add(1)
}

/// An owned copy of a NUL-terminated string libyaml holds (none for null).
///
/// # Safety
/// `ptr` is null or points to a NUL-terminated string.
unsafe fn owned(ptr: *const u8) -> Option<String> {
    if ptr.is_null() {
        return None;
    }
    // SAFETY: the caller's promise.
    let text = unsafe { CStr::from_ptr(ptr.cast()) };
    Some(text.to_string_lossy().into_owned())
}

impl<'t> Parser<'t> {
    /// A parser reading `text` (UTF-8).
    pub(super) fn new(text: &'t str) -> Self {
        let mut parser = Box::new(MaybeUninit::<unsafe_libyaml::yaml_parser_t>::uninit());
        let bytes = text.as_bytes();
        // SAFETY: `yaml_parser_initialize` fills the whole structure; the
        // input pointer stays valid for `'t`, which the parser cannot
        // outlive, and libyaml only reads it.
        let initialised = unsafe {
            let initialised = unsafe_libyaml::yaml_parser_initialize(parser.as_mut_ptr()).ok;
            if initialised {
                unsafe_libyaml::yaml_parser_set_input_string(
                    parser.as_mut_ptr(),
                    bytes.as_ptr(),
                    bytes.len() as u64,
                );
            }
            initialised
        };
        Parser {
            parser,
            initialised,
            text: bytes,
            done: false,
        }
    }

    /// The next event, or the fault that stops the stream.
    pub(super) fn next_event(&mut self) -> Result<Event, SyntaxError> {
        if !self.initialised {
            self.done = true;
            return Err(SyntaxError {
                line: 1,
                message: "libyaml could not allocate its parser".to_string(),
                at: 0,
                context_at: None,
            });
        }
        if self.done {
            return Ok(Event {
                line: 1,
                data: EventData::StreamEnd,
            });
        }
        let mut raw = MaybeUninit::<unsafe_libyaml::yaml_event_t>::uninit();
        // SAFETY: the parser was initialised in `new`; on success libyaml
        // initialised `raw`, which is read only then and deleted once.
        unsafe {
            let parser = self.parser.as_mut_ptr();
            if !unsafe_libyaml::yaml_parser_parse(parser, raw.as_mut_ptr()).ok {
                self.done = true;
                return Err(Self::fault(&*parser, self.text));
            }
            let raw = raw.as_mut_ptr();
            let event = Event {
                line: line((*raw).start_mark),
                data: Self::data(&*raw),
            };
            unsafe_libyaml::yaml_event_delete(raw);
            if matches!(event.data, EventData::StreamEnd) {
                self.done = true;
            }
            Ok(event)
        }
    }

    /// # Safety
    /// `raw` is an event libyaml produced and has not deleted.
    unsafe fn data(raw: &unsafe_libyaml::yaml_event_t) -> EventData {
        // SAFETY: each union field read is the one the event type names.
        unsafe {
            match raw.type_ {
                unsafe_libyaml::YAML_STREAM_END_EVENT => EventData::StreamEnd,
                unsafe_libyaml::YAML_DOCUMENT_START_EVENT => EventData::DocumentStart,
                unsafe_libyaml::YAML_DOCUMENT_END_EVENT => EventData::DocumentEnd,
                unsafe_libyaml::YAML_ALIAS_EVENT => EventData::Alias {
                    anchor: owned(raw.data.alias.anchor).unwrap_or_default(),
                },
                unsafe_libyaml::YAML_SCALAR_EVENT => {
                    let s = raw.data.scalar;
                    let value = if s.value.is_null() {
                        String::new()
                    } else {
                        let bytes = std::slice::from_raw_parts(
                            s.value,
                            usize::try_from(s.length).unwrap_or(0),
                        );
                        String::from_utf8_lossy(bytes).into_owned()
                    };
                    EventData::Scalar {
                        anchor: owned(s.anchor),
                        tag: owned(s.tag),
                        value,
                        plain: s.style == unsafe_libyaml::YAML_PLAIN_SCALAR_STYLE,
                    }
                }
                unsafe_libyaml::YAML_SEQUENCE_START_EVENT => EventData::SequenceStart {
                    anchor: owned(raw.data.sequence_start.anchor),
                    tag: owned(raw.data.sequence_start.tag),
                },
                unsafe_libyaml::YAML_MAPPING_START_EVENT => EventData::MappingStart {
                    anchor: owned(raw.data.mapping_start.anchor),
                    tag: owned(raw.data.mapping_start.tag),
                },
                unsafe_libyaml::YAML_SEQUENCE_END_EVENT
                | unsafe_libyaml::YAML_MAPPING_END_EVENT => EventData::CollectionEnd,
                _ => EventData::Other,
            }
        }
    }

    fn fault(parser: &unsafe_libyaml::yaml_parser_t, text: &[u8]) -> SyntaxError {
        // SAFETY: libyaml's problem and context are null or static C strings.
        let (problem, context) = unsafe {
            (
                owned(parser.problem.cast()).unwrap_or_else(|| "unknown error".to_string()),
                owned(parser.context.cast()),
            )
        };
        // libyaml's marks do not count a leading byte order mark.
        let skipped = if text.starts_with("\u{feff}".as_bytes()) {
            3
        } else {
            0
        };
        let offset = |mark: unsafe_libyaml::yaml_mark_t| {
            usize::try_from(mark.index)
                .unwrap_or(usize::MAX)
                .saturating_add(skipped)
                .min(text.len())
        };
        let context_at = context.is_some().then(|| offset(parser.context_mark));
        let message = match context {
            Some(context) => format!("{context}: {problem}"),
            None => problem,
        };
        SyntaxError {
            line: line(parser.problem_mark),
            message,
            at: offset(parser.problem_mark),
            context_at,
        }
    }
}

impl Drop for Parser<'_> {
    fn drop(&mut self) {
        if self.initialised {
            // SAFETY: initialised in `new`, deleted only here.
            unsafe { unsafe_libyaml::yaml_parser_delete(self.parser.as_mut_ptr()) }
        }
    }
}
