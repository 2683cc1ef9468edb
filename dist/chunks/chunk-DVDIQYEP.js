import { createRequire as __memgateCreateRequire } from 'node:module';
const require = __memgateCreateRequire(import.meta.url);
import {
  COMMENT_CHOICES,
  DEFAULT_NODE_PROFILER,
  FORMAT_CHOICES,
  GROUP_BY_CHOICES,
  GROWTH_FLOOR,
  LEAK_POLICIES,
  MODE_CHOICES,
  NODE_PROFILERS,
  REPORT_SCHEMA,
  formatBytes,
  gateWorkload,
  heapAfterCompareNoise,
  leakRate,
  median,
  retainedCompareNoise,
  rssCompareNoise,
  siteNoise,
  spread,
  workloadCeilings
} from "./chunk-GBWSL4VK.js";
import {
  __commonJS,
  __toESM
} from "./chunk-ULTV3Q2T.js";

// node_modules/bytes/index.js
var require_bytes = __commonJS({
  "node_modules/bytes/index.js"(exports, module) {
    "use strict";
    module.exports = bytes2;
    module.exports.format = format;
    module.exports.parse = parse;
    var formatThousandsRegExp = /\B(?=(\d{3})+(?!\d))/g;
    var formatDecimalsRegExp = /(?:\.0*|(\.[^0]+)0+)$/;
    var map = {
      b: 1,
      kb: 1 << 10,
      mb: 1 << 20,
      gb: 1 << 30,
      tb: Math.pow(1024, 4),
      pb: Math.pow(1024, 5)
    };
    var parseRegExp = /^((-|\+)?(\d+(?:\.\d+)?)) *(kb|mb|gb|tb|pb)$/i;
    function bytes2(value, options) {
      if (typeof value === "string") {
        return parse(value);
      }
      if (typeof value === "number") {
        return format(value, options);
      }
      return null;
    }
    function format(value, options) {
      if (!Number.isFinite(value)) {
        return null;
      }
      var mag = Math.abs(value);
      var thousandsSeparator = options && options.thousandsSeparator || "";
      var unitSeparator = options && options.unitSeparator || "";
      var decimalPlaces = options && options.decimalPlaces !== void 0 ? options.decimalPlaces : 2;
      var fixedDecimals = Boolean(options && options.fixedDecimals);
      var unit = options && options.unit || "";
      if (!unit || !map[unit.toLowerCase()]) {
        if (mag >= map.pb) {
          unit = "PB";
        } else if (mag >= map.tb) {
          unit = "TB";
        } else if (mag >= map.gb) {
          unit = "GB";
        } else if (mag >= map.mb) {
          unit = "MB";
        } else if (mag >= map.kb) {
          unit = "KB";
        } else {
          unit = "B";
        }
      }
      var val = value / map[unit.toLowerCase()];
      var str = val.toFixed(decimalPlaces);
      if (!fixedDecimals) {
        str = str.replace(formatDecimalsRegExp, "$1");
      }
      if (thousandsSeparator) {
        str = str.split(".").map(function(s, i) {
          return i === 0 ? s.replace(formatThousandsRegExp, thousandsSeparator) : s;
        }).join(".");
      }
      return str + unitSeparator + unit;
    }
    function parse(val) {
      if (typeof val === "number" && !isNaN(val)) {
        return val;
      }
      if (typeof val !== "string") {
        return null;
      }
      var results = parseRegExp.exec(val);
      var floatValue;
      var unit = "b";
      if (!results) {
        floatValue = parseInt(val, 10);
        unit = "b";
      } else {
        floatValue = parseFloat(results[1]);
        unit = results[4].toLowerCase();
      }
      if (isNaN(floatValue)) {
        return null;
      }
      return Math.floor(map[unit] * floatValue);
    }
  }
});

// node_modules/picomatch/lib/constants.js
var require_constants = __commonJS({
  "node_modules/picomatch/lib/constants.js"(exports, module) {
    "use strict";
    var WIN_SLASH = "\\\\/";
    var WIN_NO_SLASH = `[^${WIN_SLASH}]`;
    var DEFAULT_MAX_EXTGLOB_RECURSION = 0;
    var DOT_LITERAL = "\\.";
    var PLUS_LITERAL = "\\+";
    var QMARK_LITERAL = "\\?";
    var SLASH_LITERAL = "\\/";
    var ONE_CHAR = "(?=.)";
    var QMARK = "[^/]";
    var END_ANCHOR = `(?:${SLASH_LITERAL}|$)`;
    var START_ANCHOR = `(?:^|${SLASH_LITERAL})`;
    var DOTS_SLASH = `${DOT_LITERAL}{1,2}${END_ANCHOR}`;
    var NO_DOT = `(?!${DOT_LITERAL})`;
    var NO_DOTS = `(?!${START_ANCHOR}${DOTS_SLASH})`;
    var NO_DOT_SLASH = `(?!${DOT_LITERAL}{0,1}${END_ANCHOR})`;
    var NO_DOTS_SLASH = `(?!${DOTS_SLASH})`;
    var QMARK_NO_DOT = `[^.${SLASH_LITERAL}]`;
    var STAR = `${QMARK}*?`;
    var SEP = "/";
    var POSIX_CHARS = {
      DOT_LITERAL,
      PLUS_LITERAL,
      QMARK_LITERAL,
      SLASH_LITERAL,
      ONE_CHAR,
      QMARK,
      END_ANCHOR,
      DOTS_SLASH,
      NO_DOT,
      NO_DOTS,
      NO_DOT_SLASH,
      NO_DOTS_SLASH,
      QMARK_NO_DOT,
      STAR,
      START_ANCHOR,
      SEP
    };
    var WINDOWS_CHARS = {
      ...POSIX_CHARS,
      SLASH_LITERAL: `[${WIN_SLASH}]`,
      QMARK: WIN_NO_SLASH,
      STAR: `${WIN_NO_SLASH}*?`,
      DOTS_SLASH: `${DOT_LITERAL}{1,2}(?:[${WIN_SLASH}]|$)`,
      NO_DOT: `(?!${DOT_LITERAL})`,
      NO_DOTS: `(?!(?:^|[${WIN_SLASH}])${DOT_LITERAL}{1,2}(?:[${WIN_SLASH}]|$))`,
      NO_DOT_SLASH: `(?!${DOT_LITERAL}{0,1}(?:[${WIN_SLASH}]|$))`,
      NO_DOTS_SLASH: `(?!${DOT_LITERAL}{1,2}(?:[${WIN_SLASH}]|$))`,
      QMARK_NO_DOT: `[^.${WIN_SLASH}]`,
      START_ANCHOR: `(?:^|[${WIN_SLASH}])`,
      END_ANCHOR: `(?:[${WIN_SLASH}]|$)`,
      SEP: "\\"
    };
    var POSIX_REGEX_SOURCE = {
      __proto__: null,
      alnum: "a-zA-Z0-9",
      alpha: "a-zA-Z",
      ascii: "\\x00-\\x7F",
      blank: " \\t",
      cntrl: "\\x00-\\x1F\\x7F",
      digit: "0-9",
      graph: "\\x21-\\x7E",
      lower: "a-z",
      print: "\\x20-\\x7E ",
      punct: "\\-!\"#$%&'()\\*+,./:;<=>?@[\\]^_`{|}~",
      space: " \\t\\r\\n\\v\\f",
      upper: "A-Z",
      word: "A-Za-z0-9_",
      xdigit: "A-Fa-f0-9"
    };
    module.exports = {
      DEFAULT_MAX_EXTGLOB_RECURSION,
      MAX_LENGTH: 1024 * 64,
      POSIX_REGEX_SOURCE,
      // regular expressions
      REGEX_BACKSLASH: /\\(?![*+?^${}(|)[\]])/g,
      REGEX_NON_SPECIAL_CHARS: /^[^@![\].,$*+?^{}()|\\/]+/,
      REGEX_SPECIAL_CHARS: /[-*+?.^${}(|)[\]]/,
      REGEX_SPECIAL_CHARS_BACKREF: /(\\?)((\W)(\3*))/g,
      REGEX_SPECIAL_CHARS_GLOBAL: /([-*+?.^${}(|)[\]])/g,
      REGEX_REMOVE_BACKSLASH: /(?:\[.*?[^\\]\]|\\(?=.))/g,
      // Replace globs with equivalent patterns to reduce parsing time.
      REPLACEMENTS: {
        __proto__: null,
        "***": "*",
        "**/**": "**",
        "**/**/**": "**"
      },
      // Digits
      CHAR_0: 48,
      /* 0 */
      CHAR_9: 57,
      /* 9 */
      // Alphabet chars.
      CHAR_UPPERCASE_A: 65,
      /* A */
      CHAR_LOWERCASE_A: 97,
      /* a */
      CHAR_UPPERCASE_Z: 90,
      /* Z */
      CHAR_LOWERCASE_Z: 122,
      /* z */
      CHAR_LEFT_PARENTHESES: 40,
      /* ( */
      CHAR_RIGHT_PARENTHESES: 41,
      /* ) */
      CHAR_ASTERISK: 42,
      /* * */
      // Non-alphabetic chars.
      CHAR_AMPERSAND: 38,
      /* & */
      CHAR_AT: 64,
      /* @ */
      CHAR_BACKWARD_SLASH: 92,
      /* \ */
      CHAR_CARRIAGE_RETURN: 13,
      /* \r */
      CHAR_CIRCUMFLEX_ACCENT: 94,
      /* ^ */
      CHAR_COLON: 58,
      /* : */
      CHAR_COMMA: 44,
      /* , */
      CHAR_DOT: 46,
      /* . */
      CHAR_DOUBLE_QUOTE: 34,
      /* " */
      CHAR_EQUAL: 61,
      /* = */
      CHAR_EXCLAMATION_MARK: 33,
      /* ! */
      CHAR_FORM_FEED: 12,
      /* \f */
      CHAR_FORWARD_SLASH: 47,
      /* / */
      CHAR_GRAVE_ACCENT: 96,
      /* ` */
      CHAR_HASH: 35,
      /* # */
      CHAR_HYPHEN_MINUS: 45,
      /* - */
      CHAR_LEFT_ANGLE_BRACKET: 60,
      /* < */
      CHAR_LEFT_CURLY_BRACE: 123,
      /* { */
      CHAR_LEFT_SQUARE_BRACKET: 91,
      /* [ */
      CHAR_LINE_FEED: 10,
      /* \n */
      CHAR_NO_BREAK_SPACE: 160,
      /* \u00A0 */
      CHAR_PERCENT: 37,
      /* % */
      CHAR_PLUS: 43,
      /* + */
      CHAR_QUESTION_MARK: 63,
      /* ? */
      CHAR_RIGHT_ANGLE_BRACKET: 62,
      /* > */
      CHAR_RIGHT_CURLY_BRACE: 125,
      /* } */
      CHAR_RIGHT_SQUARE_BRACKET: 93,
      /* ] */
      CHAR_SEMICOLON: 59,
      /* ; */
      CHAR_SINGLE_QUOTE: 39,
      /* ' */
      CHAR_SPACE: 32,
      /*   */
      CHAR_TAB: 9,
      /* \t */
      CHAR_UNDERSCORE: 95,
      /* _ */
      CHAR_VERTICAL_LINE: 124,
      /* | */
      CHAR_ZERO_WIDTH_NOBREAK_SPACE: 65279,
      /* \uFEFF */
      /**
       * Create EXTGLOB_CHARS
       */
      extglobChars(chars) {
        return {
          "!": { type: "negate", open: "(?:(?!(?:", close: `))${chars.STAR})` },
          "?": { type: "qmark", open: "(?:", close: ")?" },
          "+": { type: "plus", open: "(?:", close: ")+" },
          "*": { type: "star", open: "(?:", close: ")*" },
          "@": { type: "at", open: "(?:", close: ")" }
        };
      },
      /**
       * Create GLOB_CHARS
       */
      globChars(win32) {
        return win32 === true ? WINDOWS_CHARS : POSIX_CHARS;
      }
    };
  }
});

// node_modules/picomatch/lib/utils.js
var require_utils = __commonJS({
  "node_modules/picomatch/lib/utils.js"(exports) {
    "use strict";
    var {
      REGEX_BACKSLASH,
      REGEX_REMOVE_BACKSLASH,
      REGEX_SPECIAL_CHARS,
      REGEX_SPECIAL_CHARS_GLOBAL
    } = require_constants();
    exports.isObject = (val) => val !== null && typeof val === "object" && !Array.isArray(val);
    exports.hasRegexChars = (str) => REGEX_SPECIAL_CHARS.test(str);
    exports.isRegexChar = (str) => str.length === 1 && exports.hasRegexChars(str);
    exports.escapeRegex = (str) => str.replace(REGEX_SPECIAL_CHARS_GLOBAL, "\\$1");
    exports.toPosixSlashes = (str) => str.replace(REGEX_BACKSLASH, "/");
    exports.isWindows = () => {
      if (typeof navigator !== "undefined" && navigator.platform) {
        const platform = navigator.platform.toLowerCase();
        return platform === "win32" || platform === "windows";
      }
      if (typeof process !== "undefined" && process.platform) {
        return process.platform === "win32";
      }
      return false;
    };
    exports.removeBackslashes = (str) => {
      return str.replace(REGEX_REMOVE_BACKSLASH, (match) => {
        return match === "\\" ? "" : match;
      });
    };
    exports.escapeLast = (input, char, lastIdx) => {
      const idx = input.lastIndexOf(char, lastIdx);
      if (idx === -1) return input;
      if (input[idx - 1] === "\\") return exports.escapeLast(input, char, idx - 1);
      return `${input.slice(0, idx)}\\${input.slice(idx)}`;
    };
    exports.removePrefix = (input, state = {}) => {
      let output = input;
      if (output.startsWith("./")) {
        output = output.slice(2);
        state.prefix = "./";
      }
      return output;
    };
    exports.wrapOutput = (input, state = {}, options = {}) => {
      const prepend = options.contains ? "" : "^";
      const append = options.contains ? "" : "$";
      let output = `${prepend}(?:${input})${append}`;
      if (state.negated === true) {
        output = `(?:^(?!${output}).*$)`;
      }
      return output;
    };
    exports.basename = (path, { windows } = {}) => {
      const segs = path.split(windows ? /[\\/]/ : "/");
      const last = segs[segs.length - 1];
      if (last === "") {
        return segs[segs.length - 2];
      }
      return last;
    };
  }
});

// node_modules/picomatch/lib/scan.js
var require_scan = __commonJS({
  "node_modules/picomatch/lib/scan.js"(exports, module) {
    "use strict";
    var utils = require_utils();
    var {
      CHAR_ASTERISK,
      /* * */
      CHAR_AT,
      /* @ */
      CHAR_BACKWARD_SLASH,
      /* \ */
      CHAR_COMMA,
      /* , */
      CHAR_DOT,
      /* . */
      CHAR_EXCLAMATION_MARK,
      /* ! */
      CHAR_FORWARD_SLASH,
      /* / */
      CHAR_LEFT_CURLY_BRACE,
      /* { */
      CHAR_LEFT_PARENTHESES,
      /* ( */
      CHAR_LEFT_SQUARE_BRACKET,
      /* [ */
      CHAR_PLUS,
      /* + */
      CHAR_QUESTION_MARK,
      /* ? */
      CHAR_RIGHT_CURLY_BRACE,
      /* } */
      CHAR_RIGHT_PARENTHESES,
      /* ) */
      CHAR_RIGHT_SQUARE_BRACKET
      /* ] */
    } = require_constants();
    var isPathSeparator = (code) => {
      return code === CHAR_FORWARD_SLASH || code === CHAR_BACKWARD_SLASH;
    };
    var depth = (token) => {
      if (token.isPrefix !== true) {
        token.depth = token.isGlobstar ? Infinity : 1;
      }
    };
    var scan = (input, options) => {
      const opts = options || {};
      const length = input.length - 1;
      const scanToEnd = opts.parts === true || opts.tokens === true || opts.scanToEnd === true;
      const slashes = [];
      const tokens = [];
      const parts = [];
      let str = input;
      let index = -1;
      let start = 0;
      let lastIndex = 0;
      let isBrace = false;
      let isBracket = false;
      let isGlob = false;
      let isExtglob = false;
      let isGlobstar = false;
      let braceEscaped = false;
      let backslashes = false;
      let negated = false;
      let negatedExtglob = false;
      let finished = false;
      let braces = 0;
      let prev;
      let code;
      let token = { value: "", depth: 0, isGlob: false };
      const eos = () => index >= length;
      const peek = () => str.charCodeAt(index + 1);
      const advance = () => {
        prev = code;
        return str.charCodeAt(++index);
      };
      while (index < length) {
        code = advance();
        let next;
        if (code === CHAR_BACKWARD_SLASH) {
          backslashes = token.backslashes = true;
          code = advance();
          if (code === CHAR_LEFT_CURLY_BRACE) {
            braceEscaped = true;
          }
          continue;
        }
        if (braceEscaped === true || code === CHAR_LEFT_CURLY_BRACE) {
          braces++;
          while (eos() !== true && (code = advance())) {
            if (code === CHAR_BACKWARD_SLASH) {
              backslashes = token.backslashes = true;
              advance();
              continue;
            }
            if (code === CHAR_LEFT_CURLY_BRACE) {
              braces++;
              continue;
            }
            if (braceEscaped !== true && code === CHAR_DOT && (code = advance()) === CHAR_DOT) {
              isBrace = token.isBrace = true;
              isGlob = token.isGlob = true;
              finished = true;
              if (scanToEnd === true) {
                continue;
              }
              break;
            }
            if (braceEscaped !== true && code === CHAR_COMMA) {
              isBrace = token.isBrace = true;
              isGlob = token.isGlob = true;
              finished = true;
              if (scanToEnd === true) {
                continue;
              }
              break;
            }
            if (code === CHAR_RIGHT_CURLY_BRACE) {
              braces--;
              if (braces === 0) {
                braceEscaped = false;
                isBrace = token.isBrace = true;
                finished = true;
                break;
              }
            }
          }
          if (scanToEnd === true) {
            continue;
          }
          break;
        }
        if (code === CHAR_FORWARD_SLASH) {
          slashes.push(index);
          tokens.push(token);
          token = { value: "", depth: 0, isGlob: false };
          if (finished === true) continue;
          if (prev === CHAR_DOT && index === start + 1) {
            start += 2;
            continue;
          }
          lastIndex = index + 1;
          continue;
        }
        if (opts.noext !== true) {
          const isExtglobChar = code === CHAR_PLUS || code === CHAR_AT || code === CHAR_ASTERISK || code === CHAR_QUESTION_MARK || code === CHAR_EXCLAMATION_MARK;
          if (isExtglobChar === true && peek() === CHAR_LEFT_PARENTHESES) {
            isGlob = token.isGlob = true;
            isExtglob = token.isExtglob = true;
            finished = true;
            if (code === CHAR_EXCLAMATION_MARK && index === start) {
              negatedExtglob = true;
            }
            if (scanToEnd === true) {
              let parens = 0;
              while (eos() !== true && (code = advance())) {
                if (code === CHAR_BACKWARD_SLASH) {
                  backslashes = token.backslashes = true;
                  advance();
                  continue;
                }
                if (code === CHAR_LEFT_PARENTHESES) {
                  parens++;
                  continue;
                }
                if (code === CHAR_RIGHT_PARENTHESES && --parens === 0) {
                  finished = true;
                  break;
                }
              }
              continue;
            }
            break;
          }
        }
        if (code === CHAR_ASTERISK) {
          if (prev === CHAR_ASTERISK) isGlobstar = token.isGlobstar = true;
          isGlob = token.isGlob = true;
          finished = true;
          if (scanToEnd === true) {
            continue;
          }
          break;
        }
        if (code === CHAR_QUESTION_MARK) {
          isGlob = token.isGlob = true;
          finished = true;
          if (scanToEnd === true) {
            continue;
          }
          break;
        }
        if (code === CHAR_LEFT_SQUARE_BRACKET) {
          while (eos() !== true && (next = advance())) {
            if (next === CHAR_BACKWARD_SLASH) {
              backslashes = token.backslashes = true;
              advance();
              continue;
            }
            if (next === CHAR_RIGHT_SQUARE_BRACKET) {
              isBracket = token.isBracket = true;
              isGlob = token.isGlob = true;
              finished = true;
              break;
            }
          }
          if (scanToEnd === true) {
            continue;
          }
          break;
        }
        if (opts.nonegate !== true && code === CHAR_EXCLAMATION_MARK && index === start) {
          negated = token.negated = true;
          start++;
          continue;
        }
        if (opts.noparen !== true && code === CHAR_LEFT_PARENTHESES) {
          isGlob = token.isGlob = true;
          if (scanToEnd === true) {
            let parens = 1;
            while (eos() !== true && (code = advance())) {
              if (code === CHAR_BACKWARD_SLASH) {
                backslashes = token.backslashes = true;
                advance();
                continue;
              }
              if (code === CHAR_LEFT_PARENTHESES) {
                parens++;
                continue;
              }
              if (code === CHAR_RIGHT_PARENTHESES && --parens === 0) {
                finished = true;
                break;
              }
            }
            continue;
          }
          break;
        }
        if (isGlob === true) {
          finished = true;
          if (scanToEnd === true) {
            continue;
          }
          break;
        }
      }
      if (opts.noext === true) {
        isExtglob = false;
        isGlob = false;
      }
      let base = str;
      let prefix = "";
      let glob2 = "";
      if (start > 0) {
        prefix = str.slice(0, start);
        str = str.slice(start);
        lastIndex -= start;
      }
      if (base && isGlob === true && lastIndex > 0) {
        base = str.slice(0, lastIndex);
        glob2 = str.slice(lastIndex);
      } else if (isGlob === true) {
        base = "";
        glob2 = str;
      } else {
        base = str;
      }
      if (base && base !== "" && base !== "/" && base !== str) {
        if (isPathSeparator(base.charCodeAt(base.length - 1))) {
          base = base.slice(0, -1);
        }
      }
      if (opts.unescape === true) {
        if (glob2) glob2 = utils.removeBackslashes(glob2);
        if (base && backslashes === true) {
          base = utils.removeBackslashes(base);
        }
      }
      const state = {
        prefix,
        input,
        start,
        base,
        glob: glob2,
        isBrace,
        isBracket,
        isGlob,
        isExtglob,
        isGlobstar,
        negated,
        negatedExtglob
      };
      if (opts.tokens === true) {
        state.maxDepth = 0;
        if (!isPathSeparator(code)) {
          tokens.push(token);
        }
        state.tokens = tokens;
      }
      if (opts.parts === true || opts.tokens === true) {
        let prevIndex;
        for (let idx = 0; idx < slashes.length; idx++) {
          const n2 = prevIndex !== void 0 ? prevIndex + 1 : start;
          const i = slashes[idx];
          const value2 = input.slice(n2, i);
          if (opts.tokens) {
            if (idx === 0 && start !== 0) {
              tokens[idx].isPrefix = true;
              tokens[idx].value = prefix;
            } else {
              tokens[idx].value = value2;
            }
            depth(tokens[idx]);
            state.maxDepth += tokens[idx].depth;
          }
          if (i >= start) {
            parts.push(value2);
            prevIndex = i;
          }
        }
        const n = prevIndex !== void 0 ? prevIndex + 1 : start;
        const value = input.slice(n);
        parts.push(value);
        if (opts.tokens && prevIndex && prevIndex + 1 < input.length) {
          tokens[tokens.length - 1].value = value;
          depth(tokens[tokens.length - 1]);
          state.maxDepth += tokens[tokens.length - 1].depth;
        }
        state.slashes = slashes;
        state.parts = parts;
      }
      return state;
    };
    module.exports = scan;
  }
});

// node_modules/picomatch/lib/parse.js
var require_parse = __commonJS({
  "node_modules/picomatch/lib/parse.js"(exports, module) {
    "use strict";
    var constants = require_constants();
    var utils = require_utils();
    var {
      MAX_LENGTH,
      POSIX_REGEX_SOURCE,
      REGEX_NON_SPECIAL_CHARS,
      REGEX_SPECIAL_CHARS_BACKREF,
      REPLACEMENTS
    } = constants;
    var expandRange = (args, options) => {
      if (typeof options.expandRange === "function") {
        return options.expandRange(...args, options);
      }
      args.sort();
      const value = `[${args.join("-")}]`;
      try {
        new RegExp(value);
      } catch (ex) {
        return args.map((v) => utils.escapeRegex(v)).join("..");
      }
      return value;
    };
    var syntaxError = (type, char) => {
      return `Missing ${type}: "${char}" - use "\\\\${char}" to match literal characters`;
    };
    var splitTopLevel = (input) => {
      const parts = [];
      let bracket = 0;
      let paren = 0;
      let quote = 0;
      let value = "";
      let escaped = false;
      for (const ch of input) {
        if (escaped === true) {
          value += ch;
          escaped = false;
          continue;
        }
        if (ch === "\\") {
          value += ch;
          escaped = true;
          continue;
        }
        if (ch === '"') {
          quote = quote === 1 ? 0 : 1;
          value += ch;
          continue;
        }
        if (quote === 0) {
          if (ch === "[") {
            bracket++;
          } else if (ch === "]" && bracket > 0) {
            bracket--;
          } else if (bracket === 0) {
            if (ch === "(") {
              paren++;
            } else if (ch === ")" && paren > 0) {
              paren--;
            } else if (ch === "|" && paren === 0) {
              parts.push(value);
              value = "";
              continue;
            }
          }
        }
        value += ch;
      }
      parts.push(value);
      return parts;
    };
    var isPlainBranch = (branch) => {
      let escaped = false;
      for (const ch of branch) {
        if (escaped === true) {
          escaped = false;
          continue;
        }
        if (ch === "\\") {
          escaped = true;
          continue;
        }
        if (/[?*+@!()[\]{}]/.test(ch)) {
          return false;
        }
      }
      return true;
    };
    var normalizeSimpleBranch = (branch) => {
      let value = branch.trim();
      let changed = true;
      while (changed === true) {
        changed = false;
        if (/^@\([^\\()[\]{}|]+\)$/.test(value)) {
          value = value.slice(2, -1);
          changed = true;
        }
      }
      if (!isPlainBranch(value)) {
        return;
      }
      return value.replace(/\\(.)/g, "$1");
    };
    var hasRepeatedCharPrefixOverlap = (branches) => {
      const values = branches.map(normalizeSimpleBranch).filter(Boolean);
      for (let i = 0; i < values.length; i++) {
        for (let j = i + 1; j < values.length; j++) {
          const a = values[i];
          const b = values[j];
          const char = a[0];
          if (!char || a !== char.repeat(a.length) || b !== char.repeat(b.length)) {
            continue;
          }
          if (a === b || a.startsWith(b) || b.startsWith(a)) {
            return true;
          }
        }
      }
      return false;
    };
    var parseRepeatedExtglob = (pattern, requireEnd = true) => {
      if (pattern[0] !== "+" && pattern[0] !== "*" || pattern[1] !== "(") {
        return;
      }
      let bracket = 0;
      let paren = 0;
      let quote = 0;
      let escaped = false;
      for (let i = 1; i < pattern.length; i++) {
        const ch = pattern[i];
        if (escaped === true) {
          escaped = false;
          continue;
        }
        if (ch === "\\") {
          escaped = true;
          continue;
        }
        if (ch === '"') {
          quote = quote === 1 ? 0 : 1;
          continue;
        }
        if (quote === 1) {
          continue;
        }
        if (ch === "[") {
          bracket++;
          continue;
        }
        if (ch === "]" && bracket > 0) {
          bracket--;
          continue;
        }
        if (bracket > 0) {
          continue;
        }
        if (ch === "(") {
          paren++;
          continue;
        }
        if (ch === ")") {
          paren--;
          if (paren === 0) {
            if (requireEnd === true && i !== pattern.length - 1) {
              return;
            }
            return {
              type: pattern[0],
              body: pattern.slice(2, i),
              end: i
            };
          }
        }
      }
    };
    var buildCharClassStar = (chars) => {
      const source = chars.length === 1 ? utils.escapeRegex(chars[0]) : `[${chars.map((ch) => utils.escapeRegex(ch)).join("")}]`;
      return `${source}*`;
    };
    var getStarExtglobSequenceChars = (pattern) => {
      let index = 0;
      const chars = [];
      while (index < pattern.length) {
        const match = parseRepeatedExtglob(pattern.slice(index), false);
        if (!match || match.type !== "*") {
          return;
        }
        const branches = splitTopLevel(match.body).map((branch2) => branch2.trim());
        if (branches.length !== 1) {
          return;
        }
        const branch = normalizeSimpleBranch(branches[0]);
        if (!branch || branch.length !== 1) {
          return;
        }
        chars.push(branch);
        index += match.end + 1;
      }
      if (chars.length < 1) {
        return;
      }
      return chars;
    };
    var repeatedExtglobRecursion = (pattern) => {
      let depth = 0;
      let value = pattern.trim();
      let match = parseRepeatedExtglob(value);
      while (match) {
        depth++;
        value = match.body.trim();
        match = parseRepeatedExtglob(value);
      }
      return depth;
    };
    var analyzeRepeatedExtglob = (body, options) => {
      if (options.maxExtglobRecursion === false) {
        return { risky: false };
      }
      const max = typeof options.maxExtglobRecursion === "number" ? options.maxExtglobRecursion : constants.DEFAULT_MAX_EXTGLOB_RECURSION;
      const branches = splitTopLevel(body).map((branch) => branch.trim());
      if (branches.length > 1) {
        if (branches.some((branch) => branch === "") || branches.some((branch) => /^[*?]+$/.test(branch)) || hasRepeatedCharPrefixOverlap(branches)) {
          return { risky: true };
        }
      }
      const safeChars = [];
      let sawStarSequence = false;
      let combinable = true;
      for (const branch of branches) {
        const chars = getStarExtglobSequenceChars(branch);
        if (chars) {
          sawStarSequence = true;
          safeChars.push(...chars);
          continue;
        }
        const literal = normalizeSimpleBranch(branch);
        if (literal && literal.length === 1) {
          safeChars.push(literal);
          continue;
        }
        combinable = false;
        if (repeatedExtglobRecursion(branch) > max) {
          return { risky: true };
        }
      }
      if (sawStarSequence) {
        return combinable ? { risky: true, safeOutput: buildCharClassStar([...new Set(safeChars)]) } : { risky: true };
      }
      return { risky: false };
    };
    var parse = (input, options) => {
      if (typeof input !== "string") {
        throw new TypeError("Expected a string");
      }
      input = REPLACEMENTS[input] || input;
      const opts = { ...options };
      const max = typeof opts.maxLength === "number" ? Math.min(MAX_LENGTH, opts.maxLength) : MAX_LENGTH;
      let len = input.length;
      if (len > max) {
        throw new SyntaxError(`Input length: ${len}, exceeds maximum allowed length: ${max}`);
      }
      const bos = { type: "bos", value: "", output: opts.prepend || "" };
      const tokens = [bos];
      const capture = opts.capture ? "" : "?:";
      const PLATFORM_CHARS = constants.globChars(opts.windows);
      const EXTGLOB_CHARS = constants.extglobChars(PLATFORM_CHARS);
      const {
        DOT_LITERAL,
        PLUS_LITERAL,
        SLASH_LITERAL,
        ONE_CHAR,
        DOTS_SLASH,
        NO_DOT,
        NO_DOT_SLASH,
        NO_DOTS_SLASH,
        QMARK,
        QMARK_NO_DOT,
        STAR,
        START_ANCHOR
      } = PLATFORM_CHARS;
      const globstar = (opts2) => {
        return `(${capture}(?:(?!${START_ANCHOR}${opts2.dot ? DOTS_SLASH : DOT_LITERAL}).)*?)`;
      };
      const nodot = opts.dot ? "" : NO_DOT;
      const qmarkNoDot = opts.dot ? QMARK : QMARK_NO_DOT;
      let star = opts.bash === true ? globstar(opts) : STAR;
      if (opts.capture) {
        star = `(${star})`;
      }
      if (typeof opts.noext === "boolean") {
        opts.noextglob = opts.noext;
      }
      const state = {
        input,
        index: -1,
        start: 0,
        dot: opts.dot === true,
        consumed: "",
        output: "",
        prefix: "",
        backtrack: false,
        negated: false,
        brackets: 0,
        braces: 0,
        parens: 0,
        quotes: 0,
        globstar: false,
        tokens
      };
      input = utils.removePrefix(input, state);
      len = input.length;
      const extglobs = [];
      const braces = [];
      const stack = [];
      let prev = bos;
      let value;
      const eos = () => state.index === len - 1;
      const peek = state.peek = (n = 1) => input[state.index + n];
      const advance = state.advance = () => input[++state.index] || "";
      const remaining = () => input.slice(state.index + 1);
      const consume = (value2 = "", num = 0) => {
        state.consumed += value2;
        state.index += num;
      };
      const append = (token) => {
        state.output += token.output != null ? token.output : token.value;
        consume(token.value);
      };
      const negate = () => {
        let count = 1;
        while (peek() === "!" && (peek(2) !== "(" || peek(3) === "?")) {
          advance();
          state.start++;
          count++;
        }
        if (count % 2 === 0) {
          return false;
        }
        state.negated = true;
        state.start++;
        return true;
      };
      const increment = (type) => {
        state[type]++;
        stack.push(type);
      };
      const decrement = (type) => {
        state[type]--;
        stack.pop();
      };
      const push = (tok) => {
        if (prev.type === "globstar") {
          const isBrace = state.braces > 0 && (tok.type === "comma" || tok.type === "brace");
          const isExtglob = tok.extglob === true || extglobs.length && (tok.type === "pipe" || tok.type === "paren");
          if (tok.type !== "slash" && tok.type !== "paren" && !isBrace && !isExtglob) {
            state.output = state.output.slice(0, -prev.output.length);
            prev.type = "star";
            prev.value = "*";
            prev.output = star;
            state.output += prev.output;
          }
        }
        if (extglobs.length && tok.type !== "paren") {
          extglobs[extglobs.length - 1].inner += tok.value;
        }
        if (tok.value || tok.output) append(tok);
        if (prev && prev.type === "text" && tok.type === "text") {
          prev.output = (prev.output || prev.value) + tok.value;
          prev.value += tok.value;
          return;
        }
        tok.prev = prev;
        tokens.push(tok);
        prev = tok;
      };
      const extglobOpen = (type, value2) => {
        const token = { ...EXTGLOB_CHARS[value2], conditions: 1, inner: "" };
        token.prev = prev;
        token.parens = state.parens;
        token.output = state.output;
        token.startIndex = state.index;
        token.tokensIndex = tokens.length;
        const output = (opts.capture ? "(" : "") + token.open;
        increment("parens");
        push({ type, value: value2, output: state.output ? "" : ONE_CHAR });
        push({ type: "paren", extglob: true, value: advance(), output });
        extglobs.push(token);
      };
      const extglobClose = (token) => {
        const literal = input.slice(token.startIndex, state.index + 1);
        const body = input.slice(token.startIndex + 2, state.index);
        const analysis = analyzeRepeatedExtglob(body, opts);
        if ((token.type === "plus" || token.type === "star") && analysis.risky) {
          const safeOutput = analysis.safeOutput ? (token.output ? "" : ONE_CHAR) + (opts.capture ? `(${analysis.safeOutput})` : analysis.safeOutput) : void 0;
          const open2 = tokens[token.tokensIndex];
          open2.type = "text";
          open2.value = literal;
          open2.output = safeOutput || utils.escapeRegex(literal);
          for (let i = token.tokensIndex + 1; i < tokens.length; i++) {
            tokens[i].value = "";
            tokens[i].output = "";
            delete tokens[i].suffix;
          }
          state.output = token.output + open2.output;
          state.backtrack = true;
          push({ type: "paren", extglob: true, value, output: "" });
          decrement("parens");
          return;
        }
        let output = token.close + (opts.capture ? ")" : "");
        let rest;
        if (token.type === "negate") {
          let extglobStar = star;
          if (token.inner && token.inner.length > 1 && token.inner.includes("/")) {
            extglobStar = globstar(opts);
          }
          if (extglobStar !== star || eos() || /^\)+$/.test(remaining())) {
            output = token.close = `)$))${extglobStar}`;
          }
          if (token.inner.includes("*") && (rest = remaining()) && /^\.[^\\/.]+$/.test(rest)) {
            const expression = parse(rest, { ...options, fastpaths: false }).output;
            output = token.close = `)${expression})${extglobStar})`;
          }
          if (token.prev.type === "bos") {
            state.negatedExtglob = true;
          }
        }
        push({ type: "paren", extglob: true, value, output });
        decrement("parens");
      };
      if (opts.fastpaths !== false && !/(^[*!]|[/()[\]{}"])/.test(input)) {
        let backslashes = false;
        let output = input.replace(REGEX_SPECIAL_CHARS_BACKREF, (m, esc, chars, first, rest, index) => {
          if (first === "\\") {
            backslashes = true;
            return m;
          }
          if (first === "?") {
            if (esc) {
              return esc + first + (rest ? QMARK.repeat(rest.length) : "");
            }
            if (index === 0) {
              return qmarkNoDot + (rest ? QMARK.repeat(rest.length) : "");
            }
            return QMARK.repeat(chars.length);
          }
          if (first === ".") {
            return DOT_LITERAL.repeat(chars.length);
          }
          if (first === "*") {
            if (esc) {
              return esc + first + (rest ? star : "");
            }
            return star;
          }
          return esc ? m : `\\${m}`;
        });
        if (backslashes === true) {
          if (opts.unescape === true) {
            output = output.replace(/\\/g, "");
          } else {
            output = output.replace(/\\+/g, (m) => {
              return m.length % 2 === 0 ? "\\\\" : m ? "\\" : "";
            });
          }
        }
        if (output === input && opts.contains === true) {
          state.output = input;
          return state;
        }
        state.output = utils.wrapOutput(output, state, options);
        return state;
      }
      while (!eos()) {
        value = advance();
        if (value === "\0") {
          continue;
        }
        if (value === "\\") {
          const next = peek();
          if (next === "/" && opts.bash !== true) {
            continue;
          }
          if (next === "." || next === ";") {
            continue;
          }
          if (!next) {
            value += "\\";
            push({ type: "text", value });
            continue;
          }
          const match = /^\\+/.exec(remaining());
          let slashes = 0;
          if (match && match[0].length > 2) {
            slashes = match[0].length;
            state.index += slashes;
            if (slashes % 2 !== 0) {
              value += "\\";
            }
          }
          if (opts.unescape === true) {
            value = advance();
          } else {
            value += advance();
          }
          if (state.brackets === 0) {
            push({ type: "text", value });
            continue;
          }
        }
        if (state.brackets > 0 && (value !== "]" || prev.value === "[" || prev.value === "[^")) {
          if (opts.posix !== false && value === ":") {
            const inner = prev.value.slice(1);
            if (inner.includes("[")) {
              prev.posix = true;
              if (inner.includes(":")) {
                const idx = prev.value.lastIndexOf("[");
                const pre = prev.value.slice(0, idx);
                const rest2 = prev.value.slice(idx + 2);
                const posix2 = POSIX_REGEX_SOURCE[rest2];
                if (posix2) {
                  prev.value = pre + posix2;
                  state.backtrack = true;
                  advance();
                  if (!bos.output && tokens.indexOf(prev) === 1) {
                    bos.output = ONE_CHAR;
                  }
                  continue;
                }
              }
            }
          }
          if (value === "[" && peek() !== ":" || value === "-" && peek() === "]") {
            value = `\\${value}`;
          }
          if (value === "]" && (prev.value === "[" || prev.value === "[^")) {
            value = `\\${value}`;
          }
          if (opts.posix === true && value === "!" && prev.value === "[") {
            value = "^";
          }
          prev.value += value;
          append({ value });
          continue;
        }
        if (state.quotes === 1 && value !== '"') {
          value = utils.escapeRegex(value);
          prev.value += value;
          append({ value });
          continue;
        }
        if (value === '"') {
          state.quotes = state.quotes === 1 ? 0 : 1;
          if (opts.keepQuotes === true) {
            push({ type: "text", value });
          }
          continue;
        }
        if (value === "(") {
          increment("parens");
          push({ type: "paren", value });
          continue;
        }
        if (value === ")") {
          if (state.parens === 0 && opts.strictBrackets === true) {
            throw new SyntaxError(syntaxError("opening", "("));
          }
          const extglob = extglobs[extglobs.length - 1];
          if (extglob && state.parens === extglob.parens + 1) {
            extglobClose(extglobs.pop());
            continue;
          }
          push({ type: "paren", value, output: state.parens ? ")" : "\\)" });
          decrement("parens");
          continue;
        }
        if (value === "[") {
          if (opts.nobracket === true || !remaining().includes("]")) {
            if (opts.nobracket !== true && opts.strictBrackets === true) {
              throw new SyntaxError(syntaxError("closing", "]"));
            }
            value = `\\${value}`;
          } else {
            increment("brackets");
          }
          push({ type: "bracket", value });
          continue;
        }
        if (value === "]") {
          if (opts.nobracket === true || prev && prev.type === "bracket" && prev.value.length === 1) {
            push({ type: "text", value, output: `\\${value}` });
            continue;
          }
          if (state.brackets === 0) {
            if (opts.strictBrackets === true) {
              throw new SyntaxError(syntaxError("opening", "["));
            }
            push({ type: "text", value, output: `\\${value}` });
            continue;
          }
          decrement("brackets");
          const prevValue = prev.value.slice(1);
          if (prev.posix !== true && prevValue[0] === "^" && !prevValue.includes("/")) {
            value = `/${value}`;
          }
          prev.value += value;
          append({ value });
          if (opts.literalBrackets === false || utils.hasRegexChars(prevValue)) {
            continue;
          }
          const escaped = utils.escapeRegex(prev.value);
          state.output = state.output.slice(0, -prev.value.length);
          if (opts.literalBrackets === true) {
            state.output += escaped;
            prev.value = escaped;
            continue;
          }
          prev.value = `(${capture}${escaped}|${prev.value})`;
          state.output += prev.value;
          continue;
        }
        if (value === "{" && opts.nobrace !== true) {
          increment("braces");
          const open2 = {
            type: "brace",
            value,
            output: "(",
            outputIndex: state.output.length,
            tokensIndex: state.tokens.length
          };
          braces.push(open2);
          push(open2);
          continue;
        }
        if (value === "}") {
          const brace = braces[braces.length - 1];
          if (opts.nobrace === true || !brace) {
            push({ type: "text", value, output: value });
            continue;
          }
          let output = ")";
          if (brace.dots === true) {
            const arr = tokens.slice();
            const range = [];
            for (let i = arr.length - 1; i >= 0; i--) {
              tokens.pop();
              if (arr[i].type === "brace") {
                break;
              }
              if (arr[i].type !== "dots") {
                range.unshift(arr[i].value);
              }
            }
            output = expandRange(range, opts);
            state.backtrack = true;
          }
          if (brace.comma !== true && brace.dots !== true) {
            const out = state.output.slice(0, brace.outputIndex);
            const toks = state.tokens.slice(brace.tokensIndex);
            brace.value = brace.output = "\\{";
            value = output = "\\}";
            state.output = out;
            for (const t of toks) {
              state.output += t.output || t.value;
            }
          }
          push({ type: "brace", value, output });
          decrement("braces");
          braces.pop();
          continue;
        }
        if (value === "|") {
          if (extglobs.length > 0) {
            extglobs[extglobs.length - 1].conditions++;
          }
          push({ type: "text", value });
          continue;
        }
        if (value === ",") {
          let output = value;
          const brace = braces[braces.length - 1];
          if (brace && stack[stack.length - 1] === "braces") {
            brace.comma = true;
            output = "|";
          }
          push({ type: "comma", value, output });
          continue;
        }
        if (value === "/") {
          if (prev.type === "dot" && state.index === state.start + 1) {
            state.start = state.index + 1;
            state.consumed = "";
            state.output = "";
            tokens.pop();
            prev = bos;
            continue;
          }
          push({ type: "slash", value, output: SLASH_LITERAL });
          continue;
        }
        if (value === ".") {
          if (state.braces > 0 && prev.type === "dot") {
            if (prev.value === ".") prev.output = DOT_LITERAL;
            const brace = braces[braces.length - 1];
            prev.type = "dots";
            prev.output += value;
            prev.value += value;
            brace.dots = true;
            continue;
          }
          if (state.braces + state.parens === 0 && prev.type !== "bos" && prev.type !== "slash") {
            push({ type: "text", value, output: DOT_LITERAL });
            continue;
          }
          push({ type: "dot", value, output: DOT_LITERAL });
          continue;
        }
        if (value === "?") {
          const isGroup = prev && prev.value === "(";
          if (!isGroup && opts.noextglob !== true && peek() === "(" && peek(2) !== "?") {
            extglobOpen("qmark", value);
            continue;
          }
          if (prev && prev.type === "paren") {
            const next = peek();
            let output = value;
            if (prev.value === "(" && !/[!=<:]/.test(next) || next === "<" && !/<([!=]|\w+>)/.test(remaining())) {
              output = `\\${value}`;
            }
            push({ type: "text", value, output });
            continue;
          }
          if (opts.dot !== true && (prev.type === "slash" || prev.type === "bos")) {
            push({ type: "qmark", value, output: QMARK_NO_DOT });
            continue;
          }
          push({ type: "qmark", value, output: QMARK });
          continue;
        }
        if (value === "!") {
          if (opts.noextglob !== true && peek() === "(") {
            if (peek(2) !== "?" || !/[!=<:]/.test(peek(3))) {
              extglobOpen("negate", value);
              continue;
            }
          }
          if (opts.nonegate !== true && state.index === 0) {
            negate();
            continue;
          }
        }
        if (value === "+") {
          if (opts.noextglob !== true && peek() === "(" && peek(2) !== "?") {
            extglobOpen("plus", value);
            continue;
          }
          if (prev && prev.value === "(" || opts.regex === false) {
            push({ type: "plus", value, output: PLUS_LITERAL });
            continue;
          }
          if (prev && (prev.type === "bracket" || prev.type === "paren" || prev.type === "brace") || state.parens > 0) {
            push({ type: "plus", value });
            continue;
          }
          push({ type: "plus", value: PLUS_LITERAL });
          continue;
        }
        if (value === "@") {
          if (opts.noextglob !== true && peek() === "(" && peek(2) !== "?") {
            push({ type: "at", extglob: true, value, output: "" });
            continue;
          }
          push({ type: "text", value });
          continue;
        }
        if (value !== "*") {
          if (value === "$" || value === "^") {
            value = `\\${value}`;
          }
          const match = REGEX_NON_SPECIAL_CHARS.exec(remaining());
          if (match) {
            value += match[0];
            state.index += match[0].length;
          }
          push({ type: "text", value });
          continue;
        }
        if (prev && (prev.type === "globstar" || prev.star === true)) {
          prev.type = "star";
          prev.star = true;
          prev.value += value;
          prev.output = star;
          state.backtrack = true;
          state.globstar = true;
          consume(value);
          continue;
        }
        let rest = remaining();
        if (opts.noextglob !== true && /^\([^?]/.test(rest)) {
          extglobOpen("star", value);
          continue;
        }
        if (prev.type === "star") {
          if (opts.noglobstar === true) {
            consume(value);
            continue;
          }
          const prior = prev.prev;
          const before = prior.prev;
          const isStart = prior.type === "slash" || prior.type === "bos";
          const afterStar = before && (before.type === "star" || before.type === "globstar");
          if (opts.bash === true && (!isStart || rest[0] && rest[0] !== "/")) {
            push({ type: "star", value, output: "" });
            continue;
          }
          const isBrace = state.braces > 0 && (prior.type === "comma" || prior.type === "brace");
          const isExtglob = extglobs.length && (prior.type === "pipe" || prior.type === "paren");
          if (!isStart && prior.type !== "paren" && !isBrace && !isExtglob) {
            push({ type: "star", value, output: "" });
            continue;
          }
          while (rest.slice(0, 3) === "/**") {
            const after = input[state.index + 4];
            if (after && after !== "/") {
              break;
            }
            rest = rest.slice(3);
            consume("/**", 3);
          }
          const isEnd = eos() || state.parens > 0 && rest === ")".repeat(state.parens) && !extglobs.some((extglob) => extglob.type === "negate");
          if (prior.type === "bos" && eos()) {
            prev.type = "globstar";
            prev.value += value;
            prev.output = globstar(opts);
            state.output = prev.output;
            state.globstar = true;
            consume(value);
            continue;
          }
          if (prior.type === "slash" && prior.prev.type !== "bos" && !afterStar && isEnd) {
            state.output = state.output.slice(0, -(prior.output + prev.output).length);
            prior.output = `(?:${prior.output}`;
            prev.type = "globstar";
            prev.output = globstar(opts) + (opts.strictSlashes ? ")" : "|$)");
            prev.value += value;
            state.globstar = true;
            state.output += prior.output + prev.output;
            consume(value);
            continue;
          }
          if (prior.type === "slash" && prior.prev.type !== "bos" && rest[0] === "/") {
            const end = rest[1] !== void 0 ? "|$" : "";
            state.output = state.output.slice(0, -(prior.output + prev.output).length);
            prior.output = `(?:${prior.output}`;
            prev.type = "globstar";
            prev.output = `${globstar(opts)}${SLASH_LITERAL}|${SLASH_LITERAL}${end})`;
            prev.value += value;
            state.output += prior.output + prev.output;
            state.globstar = true;
            consume(value + advance());
            push({ type: "slash", value: "/", output: "" });
            continue;
          }
          if (prior.type === "bos" && rest[0] === "/") {
            prev.type = "globstar";
            prev.value += value;
            prev.output = `(?:^|${SLASH_LITERAL}|${globstar(opts)}${SLASH_LITERAL})`;
            state.output = prev.output;
            state.globstar = true;
            consume(value + advance());
            push({ type: "slash", value: "/", output: "" });
            continue;
          }
          state.output = state.output.slice(0, -prev.output.length);
          prev.type = "globstar";
          prev.output = globstar(opts);
          prev.value += value;
          state.output += prev.output;
          state.globstar = true;
          consume(value);
          continue;
        }
        const token = { type: "star", value, output: star };
        if (opts.bash === true) {
          token.output = ".*?";
          if (prev.type === "bos" || prev.type === "slash") {
            token.output = nodot + token.output;
          }
          push(token);
          continue;
        }
        if (prev && (prev.type === "bracket" || prev.type === "paren") && opts.regex === true) {
          token.output = value;
          push(token);
          continue;
        }
        if (state.index === state.start || prev.type === "slash" || prev.type === "dot") {
          if (prev.type === "dot") {
            state.output += NO_DOT_SLASH;
            prev.output += NO_DOT_SLASH;
          } else if (opts.dot === true) {
            state.output += NO_DOTS_SLASH;
            prev.output += NO_DOTS_SLASH;
          } else {
            state.output += nodot;
            prev.output += nodot;
          }
          if (peek() !== "*") {
            state.output += ONE_CHAR;
            prev.output += ONE_CHAR;
          }
        }
        push(token);
      }
      while (state.brackets > 0) {
        if (opts.strictBrackets === true) throw new SyntaxError(syntaxError("closing", "]"));
        state.output = utils.escapeLast(state.output, "[");
        decrement("brackets");
      }
      while (state.parens > 0) {
        if (opts.strictBrackets === true) throw new SyntaxError(syntaxError("closing", ")"));
        state.output = utils.escapeLast(state.output, "(");
        decrement("parens");
      }
      while (state.braces > 0) {
        if (opts.strictBrackets === true) throw new SyntaxError(syntaxError("closing", "}"));
        state.output = utils.escapeLast(state.output, "{");
        decrement("braces");
      }
      if (opts.strictSlashes !== true && (prev.type === "star" || prev.type === "bracket")) {
        push({ type: "maybe_slash", value: "", output: `${SLASH_LITERAL}?` });
      }
      if (state.backtrack === true) {
        state.output = "";
        for (const token of state.tokens) {
          state.output += token.output != null ? token.output : token.value;
          if (token.suffix) {
            state.output += token.suffix;
          }
        }
      }
      return state;
    };
    parse.fastpaths = (input, options) => {
      const opts = { ...options };
      const max = typeof opts.maxLength === "number" ? Math.min(MAX_LENGTH, opts.maxLength) : MAX_LENGTH;
      const len = input.length;
      if (len > max) {
        throw new SyntaxError(`Input length: ${len}, exceeds maximum allowed length: ${max}`);
      }
      input = REPLACEMENTS[input] || input;
      const {
        DOT_LITERAL,
        SLASH_LITERAL,
        ONE_CHAR,
        DOTS_SLASH,
        NO_DOT,
        NO_DOTS,
        NO_DOTS_SLASH,
        STAR,
        START_ANCHOR
      } = constants.globChars(opts.windows);
      const nodot = opts.dot ? NO_DOTS : NO_DOT;
      const slashDot = opts.dot ? NO_DOTS_SLASH : NO_DOT;
      const capture = opts.capture ? "" : "?:";
      const state = { negated: false, prefix: "" };
      let star = opts.bash === true ? ".*?" : STAR;
      if (opts.capture) {
        star = `(${star})`;
      }
      const globstar = (opts2) => {
        if (opts2.noglobstar === true) return star;
        return `(${capture}(?:(?!${START_ANCHOR}${opts2.dot ? DOTS_SLASH : DOT_LITERAL}).)*?)`;
      };
      const create = (str) => {
        switch (str) {
          case "*":
            return `${nodot}${ONE_CHAR}${star}`;
          case ".*":
            return `${DOT_LITERAL}${ONE_CHAR}${star}`;
          case "*.*":
            return `${nodot}${star}${DOT_LITERAL}${ONE_CHAR}${star}`;
          case "*/*":
            return `${nodot}${star}${SLASH_LITERAL}${ONE_CHAR}${slashDot}${star}`;
          case "**":
            return nodot + globstar(opts);
          case "**/*":
            return `(?:${nodot}${globstar(opts)}${SLASH_LITERAL})?${slashDot}${ONE_CHAR}${star}`;
          case "**/*.*":
            return `(?:${nodot}${globstar(opts)}${SLASH_LITERAL})?${slashDot}${star}${DOT_LITERAL}${ONE_CHAR}${star}`;
          case "**/.*":
            return `(?:${nodot}${globstar(opts)}${SLASH_LITERAL})?${DOT_LITERAL}${ONE_CHAR}${star}`;
          default: {
            const match = /^(.*?)\.(\w+)$/.exec(str);
            if (!match) return;
            const source2 = create(match[1]);
            if (!source2) return;
            return source2 + DOT_LITERAL + match[2];
          }
        }
      };
      const output = utils.removePrefix(input, state);
      let source = create(output);
      if (source && opts.strictSlashes !== true) {
        source += `${SLASH_LITERAL}?`;
      }
      return source;
    };
    module.exports = parse;
  }
});

// node_modules/picomatch/lib/picomatch.js
var require_picomatch = __commonJS({
  "node_modules/picomatch/lib/picomatch.js"(exports, module) {
    "use strict";
    var scan = require_scan();
    var parse = require_parse();
    var utils = require_utils();
    var constants = require_constants();
    var isObject = (val) => val && typeof val === "object" && !Array.isArray(val);
    var picomatch3 = (glob2, options, returnState = false) => {
      if (Array.isArray(glob2)) {
        const fns = glob2.map((input) => picomatch3(input, options, returnState));
        const arrayMatcher = (str) => {
          for (const isMatch of fns) {
            const state2 = isMatch(str);
            if (state2) return state2;
          }
          return false;
        };
        return arrayMatcher;
      }
      const isState = isObject(glob2) && glob2.tokens && glob2.input;
      if (glob2 === "" || typeof glob2 !== "string" && !isState) {
        throw new TypeError("Expected pattern to be a non-empty string");
      }
      const opts = options || {};
      const posix2 = opts.windows;
      const regex = isState ? picomatch3.compileRe(glob2, options) : picomatch3.makeRe(glob2, options, false, true);
      const state = regex.state;
      delete regex.state;
      let isIgnored = () => false;
      if (opts.ignore) {
        const ignoreOpts = { ...options, ignore: null, onMatch: null, onResult: null };
        isIgnored = picomatch3(opts.ignore, ignoreOpts, returnState);
      }
      const matcher = (input, returnObject = false) => {
        const { isMatch, match, output } = picomatch3.test(input, regex, options, { glob: glob2, posix: posix2 });
        const result = { glob: glob2, state, regex, posix: posix2, input, output, match, isMatch };
        if (typeof opts.onResult === "function") {
          opts.onResult(result);
        }
        if (isMatch === false) {
          result.isMatch = false;
          return returnObject ? result : false;
        }
        if (isIgnored(input)) {
          if (typeof opts.onIgnore === "function") {
            opts.onIgnore(result);
          }
          result.isMatch = false;
          return returnObject ? result : false;
        }
        if (typeof opts.onMatch === "function") {
          opts.onMatch(result);
        }
        return returnObject ? result : true;
      };
      if (returnState) {
        matcher.state = state;
      }
      return matcher;
    };
    picomatch3.test = (input, regex, options, { glob: glob2, posix: posix2 } = {}) => {
      if (typeof input !== "string") {
        throw new TypeError("Expected input to be a string");
      }
      if (input === "") {
        return { isMatch: false, output: "" };
      }
      const opts = options || {};
      const format = opts.format || (posix2 ? utils.toPosixSlashes : null);
      let match = input === glob2;
      let output = match && format ? format(input) : input;
      if (match === false) {
        output = format ? format(input) : input;
        match = output === glob2;
      }
      if (match === false || opts.capture === true) {
        if (opts.matchBase === true || opts.basename === true) {
          match = picomatch3.matchBase(input, regex, options, posix2);
        } else {
          match = regex.exec(output);
        }
      }
      return { isMatch: Boolean(match), match, output };
    };
    picomatch3.matchBase = (input, glob2, options, posix2 = options && options.windows) => {
      const regex = glob2 instanceof RegExp ? glob2 : picomatch3.makeRe(glob2, options);
      return regex.test(utils.basename(input, { windows: posix2 }));
    };
    picomatch3.isMatch = (str, patterns, options) => picomatch3(patterns, options)(str);
    picomatch3.parse = (pattern, options) => {
      if (Array.isArray(pattern)) return pattern.map((p) => picomatch3.parse(p, options));
      return parse(pattern, { ...options, fastpaths: false });
    };
    picomatch3.scan = (input, options) => scan(input, options);
    picomatch3.compileRe = (state, options, returnOutput = false, returnState = false) => {
      if (returnOutput === true) {
        return state.output;
      }
      const opts = options || {};
      const prepend = opts.contains ? "" : "^";
      const append = opts.contains ? "" : "$";
      let source = `${prepend}(?:${state.output})${append}`;
      if (state && state.negated === true) {
        source = `^(?!${source}).*$`;
      }
      const regex = picomatch3.toRegex(source, options);
      if (returnState === true) {
        regex.state = state;
      }
      return regex;
    };
    picomatch3.makeRe = (input, options = {}, returnOutput = false, returnState = false) => {
      if (!input || typeof input !== "string") {
        throw new TypeError("Expected a non-empty string");
      }
      let parsed = { negated: false, fastpaths: true };
      if (options.fastpaths !== false && (input[0] === "." || input[0] === "*")) {
        parsed.output = parse.fastpaths(input, options);
      }
      if (!parsed.output) {
        parsed = parse(input, options);
      }
      return picomatch3.compileRe(parsed, options, returnOutput, returnState);
    };
    picomatch3.toRegex = (source, options) => {
      try {
        const opts = options || {};
        return new RegExp(source, opts.flags || (opts.nocase ? "i" : ""));
      } catch (err) {
        if (options && options.debug === true) throw err;
        return /$^/;
      }
    };
    picomatch3.constants = constants;
    module.exports = picomatch3;
  }
});

// node_modules/picomatch/posix.js
var require_posix = __commonJS({
  "node_modules/picomatch/posix.js"(exports, module) {
    "use strict";
    module.exports = require_picomatch();
  }
});

// node_modules/picomatch/index.js
var require_picomatch2 = __commonJS({
  "node_modules/picomatch/index.js"(exports, module) {
    "use strict";
    var pico = require_picomatch();
    var utils = require_utils();
    function picomatch3(glob2, options, returnState = false) {
      if (options && (options.windows === null || options.windows === void 0)) {
        options = { ...options, windows: utils.isWindows() };
      }
      return pico(glob2, options, returnState);
    }
    Object.assign(picomatch3, pico);
    module.exports = picomatch3;
  }
});

// src/errors.ts
var UsageError = class extends Error {
  name = "UsageError";
};

// src/version.ts
var TOOL_VERSION = true ? "0.1.0" : JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")).version;

// src/analysis/defaults.ts
var DEFAULTS = {
  /** Calls per pass when neither the caller nor the workload's `options` say. */
  iterations: 50,
  /** Mean bytes between heap samples (V8 sampling heap profiler). */
  samplingInterval: 4096,
  /** Frames kept per sample (passed explicitly: v8-profiler-next defaults to 16). */
  stackDepth: 32,
  top: 10,
  groupBy: "line",
  /** Per workload process, seconds. */
  timeoutSeconds: 300,
  /** Fresh-process trials per workload. */
  trials: 1,
  /** Heap-after-GC checkpoints inside pass 2 (besides baseline and after) for the leak-rate fit. */
  seriesPoints: 4,
  /** Forced full GCs before each measurement. */
  gcRounds: 2,
  /**
   * Node, with the confirmation on: above this heap in use after setup(), pass 1 and pass 2 take no checkpoints
   * (bytes). Each checkpoint is a full collection of the whole heap (~0.25 s at 150 MiB, ~0.75 s at 500 MiB on a
   * 2-core runner), and once the confirmation measures the rate the checkpoints only give the measured pass's own
   * rate, which baseline and after give too (`npm run bench`, big heaps; README "What it costs").
   */
  checkpointHeapLimit: 64 * 1024 * 1024,
  /** The leak threshold: memory that keeps growing by this many bytes per iteration or more is a leak. */
  leakRate: 512,
  /** Seconds of extra work memgate may spend confirming a suspect workload (0: judge the measured pass alone). */
  confirmBudgetSeconds: 60,
  /**
   * Who holds the leak: the largest heap memgate takes a snapshot of (bytes; 0: never). A snapshot costs a
   * multiple of the heap in time and memory (bench/retainers/cost.sh on a loaded 2-core machine: 54 MiB took
   * 24 s and 1.0 GiB of RSS, 210 MiB 176 s and 3.7 GiB), so 128 MiB keeps the capture within a hosted runner's
   * 7 GiB and its time limit.
   */
  retainersMaxHeap: 128 * 1024 * 1024,
  /** Wall time for the retainer capture, seconds; the runner kills the process 10 s after it. */
  retainersTimeoutSeconds: 180
};

// src/analysis/sizes.ts
var import_bytes = __toESM(require_bytes(), 1);
var UNITS = {
  "": { unit: "", factor: 1 },
  b: { unit: "", factor: 1 },
  kb: { unit: "kb", factor: 1024 },
  kib: { unit: "kb", factor: 1024 },
  mb: { unit: "mb", factor: 1024 ** 2 },
  mib: { unit: "mb", factor: 1024 ** 2 },
  gb: { unit: "gb", factor: 1024 ** 3 },
  gib: { unit: "gb", factor: 1024 ** 3 }
};
var EXPECTED = "expected a number and a unit (B, KB, MB, GB; KiB, MiB, GiB), e.g. 512KB, 1.5MB or 2MiB";
var SIZE_PATTERN = /^(\d+(?:\.\d+)?|\.\d+)\s*([a-z]*)$/i;
function sizeError(text, detail) {
  return new Error(`${JSON.stringify(text)} is not a size: ${detail ? `${detail}; ` : ""}${EXPECTED}`);
}
function diagnose(trimmed) {
  if (trimmed === "") return "it is empty";
  if (/^-/.test(trimmed)) return "sizes cannot be negative";
  if (/^[+-]?(infinity|nan)/i.test(trimmed)) return "it must be a finite number";
  if (/^[+-]?[\d.]+e[+-]?\d/i.test(trimmed)) return "write the number in plain digits (no exponent)";
  const unit = /^[\d.]+\s*([a-z]+)$/i.exec(trimmed)?.[1];
  if (unit !== void 0 && /^\d+(\.\d+)?$|^\.\d+$/.test(trimmed.slice(0, trimmed.length - unit.length).trim())) {
    return `unknown unit ${JSON.stringify(unit)}`;
  }
  if (/\d/.test(trimmed)) return "the number is malformed";
  return null;
}
function parseSize(text) {
  const trimmed = text.trim();
  const match = SIZE_PATTERN.exec(trimmed);
  const unit = match ? UNITS[(match[2] ?? "").toLowerCase()] : void 0;
  if (!match || unit === void 0) throw sizeError(text, diagnose(trimmed));
  const number = Number(match[1]);
  if (!Number.isSafeInteger(Math.floor(number * unit.factor))) throw sizeError(text, "it is too large");
  const value = import_bytes.default.parse(`${number}${unit.unit}`);
  if (value === null) throw sizeError(text, null);
  return value;
}
var PERCENT_PATTERN = /^(\d+(?:\.\d+)?|\.\d+)\s*%$/;
function parseIncrease(text) {
  const trimmed = text.trim();
  if (trimmed.endsWith("%")) {
    const match = PERCENT_PATTERN.exec(trimmed);
    const value = match ? Number(match[1]) : Number.NaN;
    if (!Number.isFinite(value)) {
      const detail = trimmed.startsWith("-") ? "an increase cannot be negative" : /infinity|nan/i.test(trimmed) ? "it must be a finite number" : "the percentage is malformed";
      throw new Error(
        `${JSON.stringify(text)} is not an increase: ${detail}; expected a percentage such as 10% or a size such as 256KB`
      );
    }
    return { kind: "percent", value };
  }
  try {
    return { kind: "bytes", value: parseSize(trimmed) };
  } catch (err) {
    const message = err.message.replace(`${JSON.stringify(trimmed)} is not a size: `, "");
    const expected = "expected a percentage such as 10% or a size such as 256KB, 1.5MB or 2MiB";
    throw new Error(`${JSON.stringify(text)} is not an increase: ${message.replace(EXPECTED, expected)}`, {
      cause: err
    });
  }
}

// src/options.ts
function parseWholeNumber(name, text, { min, max, example }) {
  const trimmed = text.trim();
  const value = /^\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < min) {
    const what = min === 1 ? "a positive whole number" : `a whole number (${min} or more)`;
    throw new UsageError(`${name}: "${text}" is not ${what} (e.g. ${example})`);
  }
  if (max !== void 0 && value > max) throw new UsageError(`${name}: "${text}" is more than ${max}; e.g. ${example}`);
  return value;
}
function parseChoice(name, text, choices) {
  const value = text.trim();
  const choice = choices.find((c) => c === value);
  if (choice === void 0) {
    throw new UsageError(`${name}: "${text}" is not one of ${choices.map((c) => `"${c}"`).join(", ")}`);
  }
  return choice;
}
function parseBoolean(name, text) {
  const value = text.trim();
  if (["true", "True", "TRUE"].includes(value)) return true;
  if (["false", "False", "FALSE"].includes(value)) return false;
  throw new UsageError(`${name}: "${text}" is not a boolean: use true or false`);
}
function parseSizeSetting(name, text) {
  if (text === void 0 || text.trim() === "") return null;
  try {
    return parseSize(text);
  } catch (err) {
    throw new UsageError(`${name}: ${err.message}`, { cause: err });
  }
}
function parsePositiveSize(name, text, example) {
  const value = parseSizeSetting(name, text);
  if (value === null || value <= 0) {
    throw new UsageError(`${name}: "${text}" must be more than 0 bytes (e.g. ${example})`);
  }
  return value;
}
function parseIncreaseSetting(name, text) {
  if (text === void 0 || text.trim() === "") return null;
  try {
    return parseIncrease(text);
  } catch (err) {
    throw new UsageError(`${name}: ${err.message}`, { cause: err });
  }
}

// src/settings.ts
var CLI_COMMANDS = ["run", "compare"];
var MAX_TRIALS = 25;
var one = (setting) => setting;
var list = (setting) => ({ ...setting, list: true, default: [] });
var choiceSetting = (choices, setting) => one({
  ...setting,
  arg: choices.join("|"),
  example: setting.default,
  parse: (text, name) => parseChoice(name, text, choices)
});
var wholeNumber = (min, example, max) => (text, name) => parseWholeNumber(name, text, { min, example, ...max === void 0 ? {} : { max } });
var optionalText = (text) => text || void 0;
var ARTIFACT_NAME_FORBIDDEN = /["\\/:<>|*?\r\n]/;
var KEY_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;
var SETTINGS = {
  workloads: list({
    input: "workloads",
    arg: "PATH|GLOB",
    example: "perf/cache.bench.mjs",
    help: "workload modules (.mjs .js .cjs .ts .mts .cts .py), paths or globs"
  }),
  iterations: one({
    flag: "iterations",
    input: "iterations",
    arg: "N",
    default: null,
    defaultHelp: `the workload's options.iterations, else ${DEFAULTS.iterations}`,
    example: "50",
    help: "calls per pass",
    parse: wholeNumber(1, "50")
  }),
  format: choiceSetting(FORMAT_CHOICES, {
    flag: "format",
    commands: ["run", "compare"],
    default: "text",
    help: "what to print on stdout"
  }),
  json: one({
    flag: "json",
    arg: "FILE",
    default: void 0,
    example: "memgate.json",
    help: "also write the JSON report to FILE",
    parse: optionalText
  }),
  outDir: one({
    flag: "out-dir",
    arg: "DIR",
    default: ".memgate",
    example: ".memgate",
    help: "where report.json and profiles/*.heapprofile go",
    parse: (text) => text
  }),
  top: one({
    flag: "top",
    input: "top",
    arg: "N",
    default: DEFAULTS.top,
    example: "10",
    help: "growing sites kept per workload",
    parse: wholeNumber(1, "10")
  }),
  groupBy: choiceSetting(GROUP_BY_CHOICES, {
    flag: "group-by",
    input: "group-by",
    default: DEFAULTS.groupBy,
    help: "how sites are grouped, like tracemalloc's compare_to key"
  }),
  include: list({
    flag: "include",
    input: "include",
    arg: "GLOB",
    example: "src/**",
    help: "only sites in matching files (repeatable)"
  }),
  exclude: list({
    flag: "exclude",
    input: "exclude",
    arg: "GLOB",
    example: "src/generated/**",
    help: "drop sites in matching files (repeatable)"
  }),
  maxRetained: one({
    flag: "max-retained",
    input: "max-retained",
    arg: "SIZE",
    default: null,
    defaultHelp: "none: the leak rule",
    example: "512KB",
    help: "fail when growth over the measured pass (heap + external) exceeds SIZE; replaces the leak rule",
    parse: (text, name) => parseSizeSetting(name, text)
  }),
  maxHeap: one({
    flag: "max-heap",
    input: "max-heap",
    arg: "SIZE",
    default: null,
    defaultHelp: "none",
    example: "64MB",
    help: "fail when heap used after the measured pass exceeds SIZE",
    parse: (text, name) => parseSizeSetting(name, text)
  }),
  maxRss: one({
    flag: "max-rss",
    input: "max-rss",
    arg: "SIZE",
    default: null,
    defaultHelp: "none",
    example: "256MB",
    help: "fail when the peak resident set size exceeds SIZE",
    parse: (text, name) => parseSizeSetting(name, text)
  }),
  leakRate: one({
    flag: "leak-rate",
    input: "leak-rate",
    arg: "SIZE",
    default: DEFAULTS.leakRate,
    inputDefault: `${DEFAULTS.leakRate}B`,
    defaultHelp: `${DEFAULTS.leakRate}B`,
    example: "1KB",
    help: "a workload fails when its memory keeps growing by this much per iteration or more",
    parse: (text, name) => parsePositiveSize(name, text, "1KB")
  }),
  confirmBudgetSeconds: one({
    flag: "confirm-budget",
    input: "confirm-budget",
    arg: "SECONDS",
    default: DEFAULTS.confirmBudgetSeconds,
    example: "60",
    help: "seconds of extra work memgate may spend confirming that a suspect workload keeps growing; 0 judges the measured pass alone",
    parse: wholeNumber(0, "60")
  }),
  retainersMaxHeap: one({
    flag: "retainers-max-heap",
    input: "retainers-max-heap",
    arg: "SIZE",
    default: DEFAULTS.retainersMaxHeap,
    inputDefault: "128MiB",
    defaultHelp: "128MiB",
    example: "64MB",
    help: "who holds a leak: take a heap snapshot of a leaking workload only up to this heap size (0: never); it costs several times the heap",
    parse: (text, name) => parseSizeSetting(name, text) ?? DEFAULTS.retainersMaxHeap
  }),
  base: one({
    flag: "base",
    arg: "FILE",
    default: void 0,
    defaultHelp: "none: the workloads are judged on their own",
    example: "base/report.json",
    help: "gate against this base report (another run's report.json) as the Action does on a pull request",
    parse: optionalText
  }),
  leakPolicy: choiceSetting(LEAK_POLICIES, {
    flag: "leak-policy",
    input: "leak-policy",
    default: "new",
    help: "with a base report: new fails only on leaks the base did not have (one already there warns); any fails on every leak"
  }),
  maxIncrease: one({
    flag: "max-increase",
    commands: ["compare", "run"],
    input: "max-increase",
    arg: "PERCENT|SIZE",
    default: null,
    defaultHelp: "the noise floor only",
    example: "10%",
    help: "allowed growth over the base report, e.g. 10% or 256KB (never less than the noise between two runs)",
    parse: (text, name) => parseIncreaseSetting(name, text)
  }),
  profiler: choiceSetting(NODE_PROFILERS, {
    flag: "profiler",
    input: "profiler",
    default: DEFAULT_NODE_PROFILER,
    help: "Node heap sampler (Python always uses tracemalloc)"
  }),
  samplingInterval: one({
    flag: "sampling-interval",
    input: "sampling-interval",
    arg: "BYTES",
    default: DEFAULTS.samplingInterval,
    example: "4096",
    help: "mean bytes between heap samples",
    parse: wholeNumber(1, "4096")
  }),
  stackDepth: one({
    flag: "stack-depth",
    arg: "N",
    default: DEFAULTS.stackDepth,
    example: "32",
    help: "frames kept per sample",
    parse: wholeNumber(1, "32")
  }),
  trials: one({
    flag: "trials",
    input: "trials",
    arg: "N",
    default: DEFAULTS.trials,
    example: "3",
    help: `fresh-process trials per workload (at most ${MAX_TRIALS}), median reported`,
    parse: wholeNumber(1, "3", MAX_TRIALS)
  }),
  timeoutSeconds: one({
    flag: "timeout",
    input: "timeout",
    arg: "SECONDS",
    default: DEFAULTS.timeoutSeconds,
    example: "300",
    help: "per workload process",
    parse: wholeNumber(1, "300")
  }),
  node: one({
    flag: "node",
    arg: "PATH",
    default: void 0,
    defaultHelp: "the node running memgate",
    example: "/usr/bin/node",
    help: "Node interpreter for Node workloads",
    parse: optionalText
  }),
  python: one({
    flag: "python",
    input: "python",
    arg: "PATH",
    default: void 0,
    defaultHelp: "python3 from PATH",
    example: "/usr/bin/python3",
    help: "Python interpreter for .py workloads (3.9 or later)",
    parse: optionalText
  }),
  workingDirectory: one({
    input: "working-directory",
    arg: "DIR",
    default: ".",
    example: "packages/api",
    help: "directory the workloads run in, relative to the repository root",
    parse: (text) => text
  }),
  token: one({
    input: "github-token",
    arg: "TOKEN",
    default: "",
    inputDefault: "${{ github.token }}",
    example: "${{ github.token }}",
    help: "token for the base report lookup and the comment",
    parse: (text) => text
  }),
  comment: choiceSetting(COMMENT_CHOICES, {
    input: "comment",
    default: "always",
    help: "when to comment on the pull request"
  }),
  failOnRegression: one({
    input: "fail-on-regression",
    arg: "true|false",
    default: true,
    example: "true",
    help: "fail the step when a gate fails or the pull request regressed",
    parse: (text, name) => parseBoolean(name, text)
  }),
  artifactName: one({
    input: "artifact-name",
    arg: "NAME",
    default: "memgate-report",
    example: "memgate-report",
    help: "name of the report artifact",
    parse: (text, name) => {
      if (ARTIFACT_NAME_FORBIDDEN.test(text)) {
        throw new UsageError(
          `${name}: "${text}" contains a character artifacts cannot have (" : < > | * ? \\ / or a newline); e.g. memgate-report`
        );
      }
      if (text.includes("+")) {
        throw new UsageError(
          `${name}: "${text}" contains "+", which memgate keeps for "<name>+profiles"; e.g. memgate-report`
        );
      }
      return text;
    }
  }),
  key: one({
    input: "key",
    arg: "KEY",
    default: "",
    example: "node-20",
    help: "distinguishes matrix legs and several memgate steps in one workflow",
    parse: (text, name) => {
      if (!KEY_PATTERN.test(text)) {
        throw new UsageError(
          `${name}: "${text}" must be 1-64 letters, digits, '.', '_' or '-'; e.g. node-20 or ubuntu-py311`
        );
      }
      return text;
    }
  }),
  retentionDays: one({
    input: "retention-days",
    arg: "DAYS",
    default: void 0,
    defaultHelp: "the repository's default (90 days unless changed)",
    example: "14",
    help: "days GitHub keeps the report and profiles artifacts (1 to 90; a lower repository or organization maximum wins)",
    parse: wholeNumber(1, "14", 90)
  }),
  mode: choiceSetting(MODE_CHOICES, {
    input: "mode",
    default: "auto",
    help: "auto, measure (fork pull requests) or comment (workflow_run)"
  })
};
var settingEntries = () => Object.entries(SETTINGS);
var flagsOf = (command) => settingEntries().filter(
  (e) => e[1].flag !== void 0 && (e[1].commands ?? ["run"]).includes(command)
);
function inputDefaultOf(setting) {
  if (setting.inputDefault !== void 0) return setting.inputDefault;
  const value = setting.default;
  return value === null || value === void 0 || Array.isArray(value) ? "" : String(value);
}
function defaultHelpOf(setting) {
  return setting.defaultHelp ?? inputDefaultOf(setting);
}
function readSettings(given, nameOf) {
  const values = {};
  for (const [key, setting] of settingEntries()) {
    const raw = given(setting);
    if (raw === void 0) values[key] = setting.default;
    else if (setting.list) values[key] = Array.isArray(raw) ? raw : [raw];
    else values[key] = setting.parse(Array.isArray(raw) ? raw.at(-1) ?? "" : raw, nameOf(setting));
  }
  return values;
}
function pipelineSettings(v) {
  return {
    iterations: v.iterations,
    groupBy: v.groupBy,
    top: v.top,
    include: v.include,
    exclude: v.exclude,
    ceilings: { maxRetained: v.maxRetained, maxHeap: v.maxHeap, maxRss: v.maxRss },
    profiler: v.profiler,
    samplingInterval: v.samplingInterval,
    stackDepth: v.stackDepth,
    timeoutSeconds: v.timeoutSeconds,
    trials: v.trials,
    leakRate: v.leakRate,
    confirmBudgetSeconds: v.confirmBudgetSeconds,
    retainersMaxHeap: v.retainersMaxHeap,
    ...v.node ? { nodePath: v.node } : {},
    ...v.python ? { pythonPath: v.python } : {}
  };
}

// src/analysis/base-compare.ts
function settingsMismatch(base, head) {
  if (head.workloads.length > 0 && !head.workloads.some((w) => base.workloads.some((b) => b.path === w.path))) {
    return `the base report measured other workloads (${base.workloads.map((b) => b.path).slice(0, 3).join(", ") || "none"}), none of this run's`;
  }
  if (base.settings.groupBy !== head.settings.groupBy) {
    return `the base was grouped by ${base.settings.groupBy}, this run by ${head.settings.groupBy}`;
  }
  for (const w of head.workloads) {
    const b = base.workloads.find((x) => x.path === w.path);
    if (!b || b.error || w.error) continue;
    if (b.iterations !== w.iterations)
      return `${w.path} ran ${b.iterations} iterations on the base, ${w.iterations} here`;
    if (b.profiler.backend !== w.profiler.backend || b.profiler.samplingInterval !== w.profiler.samplingInterval) {
      return `${w.path} was profiled differently on the base (${b.profiler.backend}, sampling ${b.profiler.samplingInterval ?? "exact"})`;
    }
    if (b.leak && w.leak && b.leak.threshold !== w.leak.threshold) {
      return `${w.path} was judged against another leak-rate on the base (${formatBytes(b.leak.threshold)}/iteration, here ${formatBytes(w.leak.threshold)}/iteration)`;
    }
  }
  return null;
}
function allowedIncrease(base, maxIncrease) {
  if (maxIncrease === null) return null;
  return maxIncrease.kind === "percent" ? maxIncrease.value / 100 * Math.abs(base) : maxIncrease.value;
}
function describeAllowed(maxIncrease) {
  return maxIncrease.kind === "percent" ? `+${maxIncrease.value}%` : formatBytes(maxIncrease.value, { signed: true });
}
function combinedInterval(a, b) {
  if (a === null) return b;
  if (b === null) return a;
  return Math.max(a, b);
}
function metric(what, base, head, noise, maxIncrease, gatedWithoutIncrease, reasons) {
  const change = head - base;
  const allowed = allowedIncrease(base, maxIncrease);
  if (allowed === null && !gatedWithoutIncrease) return { base, head, change, limit: null, regressed: false };
  const limit = base + Math.max(allowed ?? 0, noise);
  const regressed = head > limit;
  if (regressed) {
    const noiseText = `the noise between runs (\xB1${formatBytes(noise)})`;
    const beyond = maxIncrease === null ? noiseText : `the allowed ${describeAllowed(maxIncrease)} and ${noiseText}`;
    const rose = `rose from ${formatBytes(base)} to ${formatBytes(head)} (${formatBytes(change, { signed: true })})`;
    reasons.push(`${what} ${rose}, beyond ${beyond}`);
  }
  return { base, head, change, limit, regressed };
}
function compareOne(base, head, maxIncrease) {
  const baseError = base.verdict.status === "error";
  const headError = head.verdict.status === "error";
  if (baseError || headError) {
    const side = baseError && headError ? "both base and head" : baseError ? "base" : "head";
    return {
      path: head.path,
      status: "error",
      retained: null,
      heapAfter: null,
      peakRss: null,
      newSites: [],
      leak: null,
      regressed: false,
      reasons: [`not compared: the workload failed to run on ${side}`]
    };
  }
  const interval = combinedInterval(base.profiler.samplingInterval, head.profiler.samplingInterval);
  const reasons = [];
  const retained = metric(
    "retained growth",
    base.retained.total,
    head.retained.total,
    retainedCompareNoise(base.retained.total, head.retained.total, interval, base.spread, head.spread),
    maxIncrease,
    true,
    reasons
  );
  const heapAfter = metric(
    "heap in use after the measured pass",
    base.memory.after.heapUsed,
    head.memory.after.heapUsed,
    heapAfterCompareNoise(base.memory.after.heapUsed),
    maxIncrease,
    false,
    reasons
  );
  const peakRss = metric(
    "peak RSS",
    base.memory.peakRss,
    head.memory.peakRss,
    rssCompareNoise(base.memory.peakRss),
    maxIncrease,
    false,
    reasons
  );
  const baseKeys = new Set(base.top.map((site) => site.key));
  const newSites = head.top.filter(
    (site) => site.sizeDiff > 0 && site.sizeDiff > siteNoise(site.sizeDiff, interval) && !baseKeys.has(site.key)
  ).map((site) => site.key);
  const leak = base.leak && head.leak ? compareLeaks(base.leak, head.leak, reasons) : null;
  const leakRegressed = leak?.status === "new" || leak?.status === "faster";
  return {
    path: head.path,
    status: "compared",
    retained,
    heapAfter,
    peakRss,
    newSites,
    leak,
    regressed: retained.regressed || heapAfter.regressed || peakRss.regressed || leakRegressed,
    reasons
  };
}
var leaks = (l) => l.verdict === "leak" || l.verdict === "still-growing";
var rateOf = (l) => l.rate ?? l.measuredRate;
var perIteration = (n) => `${formatBytes(n)}/iteration`;
function leakRateNoise(base, head, baseRate = rateOf(base)) {
  return Math.max(head.threshold, 0.25 * Math.abs(baseRate)) + 2 * ((base.uncertainty ?? 0) + (head.uncertainty ?? 0));
}
function alikeRates(base, head) {
  const k = Math.min(base.segments?.length ?? 0, head.segments?.length ?? 0) - 1;
  const b = base.segments?.[k];
  const h = head.segments?.[k];
  if (k < 0 || !b || !h || b.from !== h.from || b.to !== h.to) return { base: rateOf(base), head: rateOf(head) };
  return { base: b.rate, head: h.rate };
}
function compareLeaks(base, head, reasons) {
  const limit = rateOf(base) + leakRateNoise(base, head);
  const change = { base: rateOf(base), head: rateOf(head), limit };
  if (!leaks(head)) return { status: "none", ...change };
  if (!leaks(base)) {
    reasons.push(
      `new leak: keeps growing by ${perIteration(rateOf(head))}; the base did not leak (${perIteration(rateOf(base))}, ${base.verdict})`
    );
    return { status: "new", ...change };
  }
  const alike = alikeRates(base, head);
  const alikeLimit = alike.base + leakRateNoise(base, head, alike.base);
  if (alike.head > alikeLimit) {
    const over = alike.base === rateOf(base) && alike.head === rateOf(head) ? "" : " over the same iterations";
    reasons.push(
      `faster leak: ${perIteration(alike.head)}, against ${perIteration(alike.base)} on the base${over} (beyond ${perIteration(alikeLimit)})`
    );
    return { status: "faster", base: alike.base, head: alike.head, limit: alikeLimit };
  }
  return { status: "same", ...change };
}
function compareWithBase(base, head, maxIncrease) {
  const baseByPath = /* @__PURE__ */ new Map();
  for (const workload of base) if (!baseByPath.has(workload.path)) baseByPath.set(workload.path, workload);
  const headPaths = /* @__PURE__ */ new Set();
  const workloads = [];
  const unmatched = (path, status, reason) => ({
    path,
    status,
    retained: null,
    heapAfter: null,
    peakRss: null,
    newSites: [],
    leak: null,
    regressed: false,
    reasons: [reason]
  });
  for (const workload of head) {
    if (headPaths.has(workload.path)) continue;
    headPaths.add(workload.path);
    const counterpart = baseByPath.get(workload.path);
    workloads.push(
      counterpart === void 0 ? unmatched(workload.path, "new", "new workload: the base report does not have it") : compareOne(counterpart, workload, maxIncrease)
    );
  }
  for (const [path] of baseByPath) {
    if (!headPaths.has(path))
      workloads.push(unmatched(path, "missing", "missing workload: only the base report has it"));
  }
  return { workloads, regressed: workloads.some((w) => w.regressed) };
}

// src/pipeline.ts
import { mkdirSync as mkdirSync2, renameSync, rmSync, writeFileSync } from "node:fs";
import { join as join4, relative as relative4, sep as sep3 } from "node:path";

// src/analysis/frames.ts
import { fileURLToPath } from "node:url";
var RUNTIME_FUNCTIONS = /* @__PURE__ */ new Set(["(root)", "(program)", "(V8 API)", "(GC)", "(idle)", "(garbage collector)"]);
var DEPENDENCY_SEGMENTS = ["/node_modules/", "/site-packages/", "/dist-packages/"];
var PROBE_FILES = [
  "/probe/node-probe.mjs",
  "/probe/node-probe.js",
  "/probe/node-probe.ts",
  "/probe/python_probe.py",
  "/probe/python_loader.py"
];
function normalizeFile(file) {
  if (file.startsWith("file://")) {
    try {
      return fileURLToPath(file).replace(/\\/g, "/");
    } catch {
      return file;
    }
  }
  return file.replace(/\\/g, "/");
}
function stripTrailingSlash(path) {
  return path.length > 1 && path.endsWith("/") ? path.slice(0, -1) : path;
}
function comparable(path) {
  return /^[A-Za-z]:\//.test(path) ? path.toLowerCase() : path;
}
function relativePath(file, cwd) {
  const normalized = normalizeFile(file);
  const base = stripTrailingSlash(normalizeFile(cwd));
  if (base === "") return normalized;
  const prefix = base === "/" ? "/" : `${base}/`;
  if (comparable(normalized).startsWith(comparable(prefix))) return normalized.slice(prefix.length);
  return normalized;
}
function isUnderAny(path, prefixes) {
  const target = comparable(path);
  return prefixes.some((prefix) => target === prefix || target.startsWith(prefix === "/" ? "/" : `${prefix}/`));
}
function classifyFile(file, runtimePrefixes) {
  if (file === "") return "runtime";
  if (file.startsWith("node:") || file.startsWith("internal/") || file.startsWith("evalmachine.")) return "runtime";
  if (file.startsWith("<")) return "runtime";
  const path = normalizeFile(file);
  const padded = path.startsWith("/") ? path : `/${path}`;
  if (PROBE_FILES.some((probe) => padded.endsWith(probe))) return "runtime";
  if (DEPENDENCY_SEGMENTS.some((segment) => padded.includes(segment))) return "dependency";
  if (runtimePrefixes.length > 0 && isUnderAny(path, runtimePrefixes)) return "runtime";
  return "user";
}
function createFrameClassifier(runtimePaths = []) {
  const prefixes = runtimePaths.map((p) => comparable(stripTrailingSlash(normalizeFile(p)))).filter((p) => p !== "");
  const byFile = /* @__PURE__ */ new Map();
  return (frame) => {
    if (RUNTIME_FUNCTIONS.has(frame.functionName)) return "runtime";
    let kind = byFile.get(frame.file);
    if (kind === void 0) {
      kind = classifyFile(frame.file, prefixes);
      byFile.set(frame.file, kind);
    }
    return kind;
  };
}
function attributionFrame(stack, options = {}, classify2 = createFrameClassifier(options.runtimePaths)) {
  const skipDependencies = options.skipDependencies ?? true;
  let firstDependency;
  for (const frame of stack) {
    const kind = classify2(frame);
    if (kind === "user") return frame;
    if (kind === "dependency") {
      if (!skipDependencies) return frame;
      firstDependency ??= frame;
    }
  }
  return firstDependency ?? stack[0];
}

// src/analysis/filters.ts
var import_posix = __toESM(require_posix(), 1);
var DEFAULT_EXCLUDED_KINDS = ["runtime"];
function normalizePatterns(patterns) {
  return patterns.map(
    (p) => p.trim().replace(/\\/g, "/").replace(/^(\.\/)+/, "").replace(/\[!/g, "[^")
  ).filter((p) => p !== "");
}
function createSiteFilter(options) {
  const include = normalizePatterns(options.include);
  const exclude = normalizePatterns(options.exclude);
  const isIncluded = include.length > 0 ? (0, import_posix.default)(include, { dot: true }) : null;
  const isExcluded = exclude.length > 0 ? (0, import_posix.default)(exclude, { dot: true }) : null;
  const cache = /* @__PURE__ */ new Map();
  return (path, kind) => {
    const cacheKey = `${kind}\0${path}`;
    let keep = cache.get(cacheKey);
    if (keep === void 0) {
      if (isExcluded?.(path)) keep = false;
      else if (isIncluded) keep = isIncluded(path);
      else keep = !DEFAULT_EXCLUDED_KINDS.includes(kind);
      cache.set(cacheKey, keep);
    }
    return keep;
  };
}

// src/analysis/diff.ts
var RUNTIME_FRAMES_SHOWN = 3;
function frameLabel(file, line, functionName) {
  if (file === "") return functionName || "(native)";
  return functionName ? `${file}:${line} (${functionName})` : `${file}:${line}`;
}
var TRACEBACK_SEPARATOR = " < ";
function diffSnapshots(after, baseline, options) {
  const classify2 = createFrameClassifier(options.runtimePaths);
  const keep = createSiteFilter(options);
  const frameOptions = { skipDependencies: options.skipDependencies ?? true };
  const relativeFiles = /* @__PURE__ */ new Map();
  const relative5 = (file) => {
    let path = relativeFiles.get(file);
    if (path === void 0) {
      path = relativePath(file, options.cwd);
      relativeFiles.set(file, path);
    }
    return path;
  };
  const visibleFrames = (stack) => {
    const visible = stack.filter((frame) => classify2(frame) !== "runtime");
    return visible.length > 0 ? visible : [...stack];
  };
  const toTraceback = (frame) => ({
    file: relative5(frame.file),
    line: frame.line,
    function: frame.functionName
  });
  const tracebackOf = (stack) => {
    const visible = visibleFrames(stack);
    const firstVisible = stack.findIndex((frame) => classify2(frame) !== "runtime");
    const inside = firstVisible > 0 ? stack.slice(0, firstVisible).filter((f) => f.file !== "").slice(0, RUNTIME_FRAMES_SHOWN) : [];
    return [...inside, ...visible].map(toTraceback);
  };
  const tracebackKey = (stack) => {
    const labels = [];
    for (const frame of visibleFrames(stack))
      labels.push(frameLabel(relative5(frame.file), frame.line, frame.functionName));
    return labels.join(TRACEBACK_SEPARATOR);
  };
  const sites = /* @__PURE__ */ new Map();
  const add = (snapshot, isAfter) => {
    for (const allocation of snapshot.allocations) {
      if (allocation.size === 0 && allocation.count === 0) continue;
      const frame = attributionFrame(allocation.stack, frameOptions, classify2);
      const kind = frame ? classify2(frame) : "runtime";
      const file = frame ? relative5(frame.file) : "";
      if (!keep(file, kind)) continue;
      const line = frame?.line ?? 0;
      const functionName = frame?.functionName ?? "";
      let key;
      if (options.groupBy === "file") key = file === "" ? frameLabel("", 0, functionName) : file;
      else if (options.groupBy === "traceback")
        key = allocation.stack.length > 0 ? tracebackKey(allocation.stack) : "(no stack)";
      else key = frameLabel(file, line, functionName);
      let site = sites.get(key);
      if (site === void 0) {
        site = {
          key,
          file,
          line: options.groupBy === "file" ? 0 : line,
          function: options.groupBy === "file" ? "" : functionName,
          size: 0,
          count: 0,
          baseSize: 0,
          baseCount: 0,
          afterAllocations: [],
          baseAllocations: []
        };
        sites.set(key, site);
      }
      if (isAfter) {
        site.size += allocation.size;
        site.count += allocation.count;
        site.afterAllocations.push(allocation);
      } else {
        site.baseSize += allocation.size;
        site.baseCount += allocation.count;
        site.baseAllocations.push(allocation);
      }
    }
  };
  add(after, true);
  add(baseline, false);
  const result = [];
  for (const site of sites.values()) {
    const sizeDiff = site.size - site.baseSize;
    result.push({
      key: site.key,
      file: site.file,
      line: site.line,
      function: site.function,
      size: site.size,
      sizeDiff,
      count: site.count,
      countDiff: site.count - site.baseCount,
      traceback: tracebackOf(largestContributor(site, sizeDiff))
    });
  }
  result.sort(compareSites);
  return result;
}
function sameStack(a, b) {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x.line !== y.line || x.file !== y.file || x.functionName !== y.functionName) return false;
  }
  return true;
}
function stackHash(stack) {
  let hash = stack.length;
  for (const frame of stack) {
    hash = Math.imul(hash ^ frame.line, 16777619);
    hash = Math.imul(hash ^ frame.file.length, 16777619);
    hash = Math.imul(hash ^ frame.functionName.length, 16777619);
  }
  return hash;
}
function largestContributor(site, sizeDiff) {
  if (site.afterAllocations.length + site.baseAllocations.length === 1) {
    return (site.afterAllocations[0] ?? site.baseAllocations[0])?.stack ?? [];
  }
  const buckets = /* @__PURE__ */ new Map();
  const tally = (allocation, sign) => {
    const hash = stackHash(allocation.stack);
    let bucket = buckets.get(hash);
    if (bucket === void 0) {
      bucket = [];
      buckets.set(hash, bucket);
    }
    let entry = bucket.find((candidate) => sameStack(candidate.stack, allocation.stack));
    if (entry === void 0) {
      entry = { stack: allocation.stack, size: 0, diff: 0 };
      bucket.push(entry);
    }
    entry.diff += sign * allocation.size;
    if (sign === 1) entry.size += allocation.size;
  };
  for (const allocation of site.afterAllocations) tally(allocation, 1);
  for (const allocation of site.baseAllocations) tally(allocation, -1);
  const direction = sizeDiff < 0 ? -1 : 1;
  let best;
  for (const bucket of buckets.values()) {
    for (const entry of bucket) {
      if (best === void 0 || entry.diff * direction > best.diff * direction || entry.diff === best.diff && entry.size > best.size) {
        best = entry;
      }
    }
  }
  return best?.stack ?? [];
}
function compareSites(a, b) {
  if (a.sizeDiff !== b.sizeDiff) return b.sizeDiff - a.sizeDiff;
  if (a.size !== b.size) return b.size - a.size;
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

// src/analysis/leak-rate.ts
var CONFIRM_FLOORS = 2;
var HOLD = 0.9;
var STRONG = 16;
var FIRST_HOLD = 0.75;
var MAX_SEGMENTS = 4;
var READINGS_PER_SEGMENT = 4;
var SEGMENT_RULE = { hold: HOLD, strong: STRONG, firstHold: FIRST_HOLD };
var agrees = (rate, previousRate, rule = SEGMENT_RULE) => rate >= rule.hold * previousRate;
var agreedForNext = (rate, previousRate, first, rule = SEGMENT_RULE) => rate >= (first ? rule.firstHold : rule.hold) * previousRate;
function judgeSegment(rate, previousRate, leakRate2, previousAgreed, rule = SEGMENT_RULE) {
  if (rate < leakRate2) return "settles";
  return agrees(rate, previousRate, rule) && (rate >= rule.strong * leakRate2 || previousAgreed) ? "holds" : "decays";
}
function ratePoint(point) {
  return { iteration: point.iteration, total: point.heapUsed + point.external - (point.code ?? 0) };
}
function rateOf2(points) {
  const rates = intervalRates(points);
  if (rates.length === 0) return { rate: 0, spread: 0 };
  rates.sort((a, b) => a - b);
  const at = (q) => rates[Math.round(q * (rates.length - 1))];
  return { rate: median(rates), spread: (at(0.75) - at(0.25)) / 2 };
}
function intervalRates(points) {
  const rates = [];
  for (let i = 1; i < points.length; i++) {
    const span = points[i].iteration - points[i - 1].iteration;
    if (span > 0) rates.push((points[i].total - points[i - 1].total) / span);
  }
  return rates;
}
function judgeConfirmation(measured, readings, segmentEnds, leakRate2, stoppedBy) {
  const measuredRate = rateOf2(measured).rate;
  const segments = [];
  let previous = measuredRate;
  let previousAgreed = false;
  let start = readings[0];
  for (const end of segmentEnds) {
    if (!start) break;
    const from = start.iteration;
    const points = readings.filter((p) => p.iteration >= from && p.iteration <= end);
    if (points.length < 2) break;
    const { rate, spread: spread2 } = rateOf2(points);
    const outcome = judgeSegment(rate, previous, leakRate2, previousAgreed);
    segments.push({ from, to: end, rate, spread: spread2, outcome });
    previousAgreed = agreedForNext(rate, previous, segments.length === 1);
    previous = rate;
    start = points[points.length - 1];
    if (outcome !== "decays") break;
  }
  const last = segments[segments.length - 1];
  const decided = last && last.outcome !== "decays" ? last.outcome : null;
  const stop = decided ?? stoppedBy ?? "segments";
  const length = last ? last.to - last.from : 0;
  return {
    measuredRate,
    segments,
    stop,
    rate: last?.rate ?? measuredRate,
    uncertainty: last ? Math.max(last.spread, length > 0 ? RATE_JITTER / length : 0) : 0,
    extraIterations: last ? last.to - (segments[0]?.from ?? last.from) : 0,
    // Still decaying when the budget ran out: it grew by R or more per iteration over the last segment all the same.
    leak: last !== void 0 && last.outcome !== "settles"
  };
}
var RATE_JITTER = 8 * 1024;

// src/analysis/hints.ts
var FLAT_SHARE = 0.1;
var READING_SLACK = 0.05;
var FILLED_SHARE = 0.9;
function workloadHints(input) {
  const hints = [];
  const depth = input.stackDepth;
  if (depth && depth.recorded < depth.configured) {
    hints.push(
      `tracemalloc recorded ${plural(depth.recorded, "frame")} per allocation, not the ${depth.configured} asked for: the workload started tracemalloc again, or memgate could not set its limit back after the import. A row may then stop inside a library instead of at your line.`
    );
  }
  if (input.retained <= GROWTH_FLOOR) return hints;
  const pending = input.pendingPromises;
  if (pending && pending.count >= 2 && pending.count * 2 >= pending.iterations) {
    const per = Math.round(pending.count / pending.iterations * 10) / 10;
    hints.push(
      `${pending.count} promises were still pending when ${plural(pending.iterations, "more iteration")} ended (${per} per iteration): did run() await its work? What work still in flight holds counts as growth at every checkpoint.`
    );
  }
  const filled = input.retained > FILLING_MIN ? filledAt(input) : null;
  if (filled !== null) {
    const at = niceCeil((input.iterations + filled.at) * MARGIN);
    const when = filled.at <= input.iterations ? `by iteration ${filled.at} of the ${input.iterations} measured` : filled.exact ? `by about ${filled.at} iterations after the baseline, in the extra iterations that confirm growth` : `within ${filled.at} iterations of the baseline`;
    hints.push(
      `memory grew ${formatBytes(input.retained)} in the measured pass, then stopped growing (${when}): a cache or pool still filling while it was measured. With iterations ${at} or more (options.iterations, --iterations), the warm-up pass fills it and the measured pass shows only what keeps growing.`
    );
  } else {
    const bounded = boundedHolder(input);
    if (bounded) hints.push(bounded);
  }
  return hints;
}
var FILLING_MIN = 2 * GROWTH_FLOOR;
var MARGIN = 1.25;
function filledAt(input) {
  if (input.leak && input.leak.verdict !== "settles") return null;
  const settled = input.leak !== void 0;
  const inPass = plateauAt(input.series, settled);
  if (inPass !== null) return { at: inPass, exact: true };
  if (!settled) return null;
  const readings = input.confirmation ?? [];
  const slack = Math.max(READING_SLACK * input.retained, RATE_JITTER);
  const passRate = input.retained / Math.max(1, input.iterations);
  let from = readings.length - 1;
  let steps = 0;
  let flat = 0;
  for (; from > 1; from -= 1) {
    const [a, b] = [readings[from - 1], readings[from]];
    const rise = Math.abs(b.total - a.total);
    if (rise <= slack) flat += 1;
    else if (steps === 0 && rise < 0.5 * passRate * (b.iteration - a.iteration)) steps = 1;
    else break;
  }
  if (flat >= 2 && flat > steps) return { at: readings[from].iteration, exact: true };
  const segment = input.leak?.segments.find((s) => s.outcome === "settles")?.to;
  return segment === void 0 ? null : { at: segment, exact: false };
}
function plateauAt(points, settled) {
  if (points.length < 3) return null;
  const first = points[0];
  const last = points[points.length - 1];
  const growth = last.total - first.total;
  if (growth <= GROWTH_FLOOR) return null;
  const filled = points.find((p) => p.total - first.total >= FILLED_SHARE * growth);
  if (filled === last) return null;
  const after = points.filter((p) => p.iteration > filled.iteration);
  if (after.some((p) => Math.abs(p.total - last.total) > FLAT_SHARE * growth)) return null;
  if (!settled) {
    const half = first.iteration + (last.iteration - first.iteration) / 2;
    if (filled.iteration > half) return null;
  }
  return filled.iteration;
}
var BOUNDED = [
  {
    step: (s) => s.kind === "property" && ["#keyMap", "#valList", "#keyList", "#valMap"].includes(s.name),
    say: (holder, seen) => `the growth is held by an lru-cache LRUCache${holder}, which stops growing at its max: a max above the entries ${seen} added means it was still filling, not leaking. Set iterations to at least max \xF7 entries added per iteration (options.iterations, --iterations) so the warm-up pass fills it; growth that goes on after that is a leak.`
  },
  {
    step: (s) => s.name === "<_lru_cache_wrapper>",
    say: (holder, seen) => `the growth is held by a functools.lru_cache${holder}. With a maxsize it stops growing when full, and a maxsize above the calls with new arguments ${seen} made means it was still filling, not leaking: set iterations to at least maxsize \xF7 new arguments per iteration (options.iterations, --iterations). With maxsize=None (or functools.cache) it keeps every argument: a leak.`
  }
];
function boundedHolder(input) {
  const path = input.top?.find((t) => t.retainers && t.retainers.length > 0)?.retainers?.[0]?.path;
  if (!path) return null;
  for (const cache of BOUNDED) {
    const at = path.findIndex(cache.step);
    if (at < 0) continue;
    const owner = at > 0 ? path[at - 1] : void 0;
    const where2 = owner?.file !== void 0 ? `, ${owner.file}${owner.line !== void 0 ? `:${owner.line}` : ""}` : "";
    const holder = owner && owner.name !== "[]" ? ` (${owner.name}${where2})` : "";
    const confirmed = input.leak?.segments.at(-1)?.to ?? input.iterations;
    const seen = `the ${input.iterations} warm-up and ${confirmed} later iterations`;
    return cache.say(holder, seen);
  }
  return null;
}
function niceCeil(n) {
  if (n < 100) return Math.ceil(n);
  const step = 10 ** (Math.floor(Math.log10(n)) - 1);
  return Math.ceil(n / step) * step;
}
function plural(n, word) {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

// src/filter-hints.ts
import { statSync } from "node:fs";
import { dirname, relative, resolve, sep } from "node:path";
var GLOB_CHARACTERS = /[*?[\]{}()!]/;
var isFile = (path) => {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
};
var toPosix = (path) => path.split(sep).join("/");
function suspects(context) {
  const plainWorkloads = context.patterns.filter((p) => !GLOB_CHARACTERS.test(p));
  const out = [];
  for (const kind of ["include", "exclude"]) {
    for (const value of context[kind]) {
      const path = resolve(context.cwd, value);
      if (GLOB_CHARACTERS.test(value) || !isFile(path)) continue;
      const siblings = plainWorkloads.filter((p) => dirname(resolve(context.cwd, p)) === dirname(path));
      if (siblings.length > 0) out.push({ kind, value, siblings });
    }
  }
  return out;
}
function expandedFilterValues(context) {
  return suspects(context).map(
    ({ kind, value, siblings }) => `${kind} '${value}' is one file, and ${siblings.length === 1 ? "the workload" : "the workloads"} ${siblings.join(", ")} ${siblings.length === 1 ? "sits" : "sit"} beside it: if the shell expanded an unquoted glob, the files it matched run as workloads; quote the glob (--${kind} '${toPosix(dirname(value))}/**')`
  );
}
function noExportHint(path, context) {
  const relativePath2 = toPosix(relative(context.cwd, resolve(context.cwd, path)));
  const matching = context.include.filter((p) => createSiteFilter({ include: [p], exclude: [] })(relativePath2, "user"));
  const expanded = suspects(context).filter(
    (s) => s.siblings.some((p) => resolve(context.cwd, p) === resolve(context.cwd, path))
  );
  if (matching.length === 0 && expanded.length === 0) return null;
  const why = matching.length > 0 ? `it is also matched by include ${matching.map((p) => `'${p}'`).join(", ")}` : `it sits beside ${expanded[0].kind} '${expanded[0].value}', one file`;
  return `Hint: ${why}. Is it code to measure rather than a workload? A glob left unquoted after --include or --exclude is expanded by the shell, and the files it matches are imported as workloads (side effects and all): quote the glob`;
}

// src/measure/measure.ts
import { existsSync as existsSync3, mkdirSync, statSync as statSync2 } from "node:fs";
import { dirname as dirname5, resolve as resolve3 } from "node:path";

// src/measure/runner.ts
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, open, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname as dirname2, join } from "node:path";
import { fileURLToPath as fileURLToPath2 } from "node:url";

// src/measure/workload-env.ts
var SECRET_NAMES = /* @__PURE__ */ new Set(["GITHUB_OUTPUT", "GITHUB_ENV", "GITHUB_STATE", "GITHUB_PATH", "GITHUB_STEP_SUMMARY"]);
var SECRET_PREFIXES = ["INPUT_", "ACTIONS_"];
function isActionOnlyVariable(name) {
  const upper = name.toUpperCase();
  return SECRET_NAMES.has(upper) || SECRET_PREFIXES.some((prefix) => upper.startsWith(prefix));
}
function workloadEnv(env) {
  return Object.fromEntries(Object.entries(env).filter(([name]) => !isActionOnlyVariable(name)));
}

// src/measure/protocol.ts
var RETAINERS_SUFFIX = ".retainers.json";
var PASS_PHASE = { 1: "pass1", 2: "pass2", 3: "confirm" };
var ENV_CONFIG = "MEMGATE_CONFIG";
var ENV_EVENTS = "MEMGATE_EVENTS";
var ENV_RESULT = "MEMGATE_RESULT";
var describePhase = (phase) => phase === "pass1" ? "pass 1" : phase === "pass2" ? "pass 2" : phase === "confirm" ? "the confirmation pass" : phase === "retainers" ? "the retainer capture" : phase ?? "start-up";

// src/measure/runner.ts
function locateProbe(fileName) {
  const fromBundle = !import.meta.url.endsWith(".ts");
  for (const near of fromBundle ? [`./probe/${fileName}`, `../probe/${fileName}`] : []) {
    const probe = fileURLToPath2(new URL(near, import.meta.url));
    if (existsSync(probe)) return probe;
  }
  let dir = dirname2(fileURLToPath2(import.meta.url));
  for (; ; ) {
    const manifest = join(dir, "package.json");
    if (existsSync(manifest)) {
      try {
        if (JSON.parse(readFileSync(manifest, "utf8")).name === "memgate") {
          const probe = join(dir, "dist", "probe", fileName);
          return existsSync(probe) ? probe : null;
        }
      } catch {
      }
    }
    const parent = dirname2(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}
var TAIL_BYTES = 16 * 1024;
var POLL_MS = 200;
var PROGRESS_EVERY_MS = 1e3;
var Tail = class {
  chunks = [];
  size = 0;
  push(chunk) {
    this.chunks.push(chunk);
    this.size += chunk.length;
    while (this.size - (this.chunks[0]?.length ?? 0) >= TAIL_BYTES) this.size -= this.chunks.shift().length;
  }
  text() {
    const all = Buffer.concat(this.chunks);
    return all.subarray(Math.max(0, all.length - TAIL_BYTES)).toString("utf8");
  }
};
var EventReader = class {
  constructor(path, onEvent) {
    this.path = path;
    this.onEvent = onEvent;
  }
  path;
  onEvent;
  offset = 0;
  partial = "";
  events = [];
  async poll() {
    const handle = await open(this.path, "r").catch(() => null);
    if (!handle) return;
    try {
      for (; ; ) {
        const buffer = Buffer.alloc(64 * 1024);
        const { bytesRead } = await handle.read(buffer, 0, buffer.length, this.offset);
        if (bytesRead === 0) break;
        this.offset += bytesRead;
        const lines = (this.partial + buffer.subarray(0, bytesRead).toString("utf8")).split("\n");
        this.partial = lines.pop() ?? "";
        for (const line of lines) this.parse(line);
      }
    } finally {
      await handle.close();
    }
  }
  parse(line) {
    if (line.trim() === "") return;
    try {
      const event = JSON.parse(line);
      this.events.push(event);
      this.onEvent(event);
    } catch {
    }
  }
};
var PHASE_LABEL = {
  load: "loading the workload",
  setup: "setup",
  pass1: "pass 1 (warm-up)",
  baseline: "baseline: forced GC, snapshot",
  pass2: "pass 2 (measured)",
  after: "end of pass 2: forced GC, snapshot",
  confirm: "confirming: more iterations, to tell a leak from a warm-up tail",
  retainers: "finding who holds the growth (retainer paths)",
  teardown: "teardown"
};
var where = (phase, iteration, of) => `${describePhase(phase)}${iteration !== void 0 ? `, iteration ${iteration}${of ? ` of ${of}` : ""}` : ""}`;
var mb = (bytes2) => formatBytes(bytes2);
var OOM_PATTERN = /heap out of memory|Reached heap limit|Allocation failed - |FATAL ERROR: .*(?:Allocation|heap)|MemoryError/i;
async function runProbe(options) {
  if (!existsSync(options.cwd))
    return failure({ kind: "runtime", message: `the working directory ${options.cwd} does not exist` });
  const dir = await mkdtemp(join(tmpdir(), "memgate-"));
  try {
    return await runIn(dir, options);
  } finally {
    await rm(dir, { recursive: true, force: true }).catch(() => {
    });
  }
}
async function runIn(dir, options) {
  const eventsPath = join(dir, "events.ndjson");
  const resultPath = join(dir, "result.json");
  await writeFile(eventsPath, "");
  let last = {};
  let lastProgressAt = 0;
  let previousPhase;
  const progress = options.onProgress;
  const reader = new EventReader(eventsPath, (event) => {
    if (event.event === "phase" && event.phase === "retainers" && options.config.retainers)
      arm(options.config.retainers.timeoutSeconds + RETAINER_GRACE_S);
    if (event.event === "phase") {
      const inPass = event.phase === "pass1" || event.phase === "pass2" || event.phase === "confirm";
      last = { phase: event.phase, memory: event.memory, ...inPass ? { completed: 0 } : {} };
      if (event.phase !== previousPhase) progress?.(PHASE_LABEL[event.phase]);
      previousPhase = event.phase;
    } else if (event.event === "progress") {
      last = { phase: PASS_PHASE[event.pass], completed: event.iteration, of: event.of, memory: event.memory };
      const now = Date.now();
      if (progress && (now - lastProgressAt >= PROGRESS_EVERY_MS || event.iteration === event.of)) {
        lastProgressAt = now;
        progress(`${describePhase(PASS_PHASE[event.pass])}: iteration ${event.iteration}/${event.of}`);
      }
    }
  });
  const env = {
    ...workloadEnv(process.env),
    ...options.env,
    [ENV_CONFIG]: JSON.stringify(options.config),
    [ENV_EVENTS]: eventsPath,
    [ENV_RESULT]: resultPath
  };
  delete env.NODE_TEST_CONTEXT;
  const stdout = new Tail();
  const stderr = new Tail();
  let timedOut = false;
  const child = spawn(options.command, options.args, { cwd: options.cwd, env, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout.on("data", (chunk) => {
    stdout.push(chunk);
    if (options.echoOutput) process.stderr.write(chunk);
  });
  child.stderr.on("data", (chunk) => {
    stderr.push(chunk);
    if (options.echoOutput) process.stderr.write(chunk);
  });
  const exited = new Promise((resolve7) => {
    child.once("error", (error) => resolve7({ code: null, signal: null, spawnError: error }));
    child.once("exit", (code2, signal2) => resolve7({ code: code2, signal: signal2 }));
  });
  const closed = new Promise((resolve7) => child.once("close", () => resolve7()));
  let timer;
  let ended = false;
  function arm(seconds) {
    if (ended) return;
    clearTimeout(timer);
    timer = setTimeout(
      () => {
        timedOut = true;
        child.kill("SIGKILL");
      },
      Math.max(1e-3, seconds) * 1e3
    );
  }
  arm(options.timeoutSeconds);
  let polling = Promise.resolve();
  const poller = setInterval(() => {
    polling = polling.then(() => reader.poll()).catch(() => {
    });
  }, POLL_MS);
  const { code, signal, spawnError } = await exited;
  ended = true;
  clearTimeout(timer);
  clearInterval(poller);
  await Promise.race([closed, new Promise((resolve7) => setTimeout(resolve7, 1e3).unref())]);
  child.stdout.destroy();
  child.stderr.destroy();
  await polling;
  await reader.poll();
  if (spawnError) {
    const missing = spawnError.code === "ENOENT";
    return failure({
      kind: "runtime",
      message: missing ? `${options.runtimeLabel} not found: could not run "${options.command}" (is it installed and on PATH?)` : `could not start ${options.runtimeLabel} ("${options.command}"): ${spawnError.message}`
    });
  }
  return classify({
    events: reader.events,
    last,
    code,
    signal,
    timedOut,
    timeoutSeconds: options.timeoutSeconds,
    stderr: stderr.text(),
    stdout: stdout.text(),
    resultPath,
    runtimeLabel: options.runtimeLabel,
    retainersTimeoutSeconds: options.config.retainers?.timeoutSeconds ?? 0
  });
}
var failure = (error) => ({ ok: false, error });
var RETAINER_GRACE_S = 10;
async function readResult(path) {
  try {
    const result = JSON.parse(await readFile(path, "utf8"));
    if (!result?.baseline?.snapshot || !result?.after?.snapshot || !result.runtime)
      throw new Error("incomplete result");
    return { ok: true, result };
  } catch (error) {
    return failure({
      kind: "probe",
      message: `memgate's probe wrote an unreadable result: ${error.message}`
    });
  }
}
async function readRetainers(path) {
  let text;
  try {
    text = await readFile(path, "utf8");
  } catch {
    return { status: "failed", reason: "the retainer capture wrote no result" };
  }
  try {
    const data = JSON.parse(text);
    if (!["captured", "skipped", "failed"].includes(data?.status) || data.status === "captured" && !Array.isArray(data.sites))
      throw new Error("not a retainer capture");
    return data;
  } catch (error) {
    return { status: "failed", reason: `the retainer capture's result is unreadable: ${error.message}` };
  }
}
function captureFailure(end) {
  if (end.timedOut)
    return `it took longer than its ${end.retainersTimeoutSeconds} s limit (the heap snapshot is the slow part; a smaller heap, or a lower retainers-max-heap, skips it)`;
  const error = end.events.find((e) => e.event === "error");
  if (error) return `${error.kind === "threw" ? "the workload threw" : error.kind}: ${error.message}`;
  if (OOM_PATTERN.test(end.stderr) || end.signal === "SIGABRT" || end.code === 134 || end.signal === "SIGKILL") {
    return `the process ran out of memory or was killed${end.signal ? ` (${end.signal})` : ""}: the capture needs several times the heap (a lower retainers-max-heap skips it)`;
  }
  return `the process ended during it (${end.signal ? `signal ${end.signal}` : `exit code ${end.code}`})`;
}
function lastPosition(last) {
  if (last.completed === void 0)
    return { ...last.phase ? { phase: last.phase } : {}, text: describePhase(last.phase) };
  if (last.of !== void 0 && last.completed >= last.of)
    return { phase: last.phase, text: `${describePhase(last.phase)}, after its last iteration` };
  const iteration = last.completed + 1;
  return { phase: last.phase, iteration, text: where(last.phase, iteration, last.of) };
}
var tailOf = (text, lines = 20) => text.trimEnd().split("\n").slice(-lines).join("\n");
async function classify(end) {
  const { last } = end;
  if (last.phase === "retainers" && !(end.code === 0 && end.events.some((e) => e.event === "done")) && existsSync(end.resultPath)) {
    const outcome = await readResult(end.resultPath);
    if (outcome.ok) {
      const pending = outcome.result.rowsPending === true;
      delete outcome.result.rowsPending;
      const reason = captureFailure(end);
      outcome.result.retainers = {
        status: "failed",
        reason: pending ? `${reason}; it ended before the growing lines were written, so there are no rows` : reason
      };
    }
    return outcome;
  }
  const lastMemory = last.memory ? { lastMemory: last.memory } : {};
  const position = lastPosition(last);
  const at = {
    ...position.phase ? { phase: position.phase } : {},
    ...position.iteration !== void 0 ? { iteration: position.iteration } : {}
  };
  if (end.timedOut) {
    return failure({
      kind: "timeout",
      // The last memory seen is reported beside the message (lastMemory): not repeated in it.
      message: `timed out after ${end.timeoutSeconds} s during ${position.text}`,
      ...at,
      ...lastMemory
    });
  }
  const error = end.events.find((e) => e.event === "error");
  if (error) {
    const atFailure = error.memory ? { lastMemory: error.memory } : lastMemory;
    const lastMemoryFor = error.kind === "oom" || error.kind === "timeout" ? atFailure : {};
    return failure({
      kind: error.kind,
      message: error.message,
      ...error.stack ? { stack: error.stack } : {},
      phase: error.phase,
      ...error.iteration !== void 0 ? { iteration: error.iteration } : {},
      ...lastMemoryFor
    });
  }
  const exit = end.events.find((e) => e.event === "exit");
  if (exit) {
    return failure({
      kind: "exit",
      message: `the workload ended the process itself (exit code ${exit.code}) during ${where(exit.phase, exit.iteration)}`,
      phase: exit.phase,
      ...exit.iteration !== void 0 ? { iteration: exit.iteration } : {}
    });
  }
  if (OOM_PATTERN.test(end.stderr) || end.signal === "SIGABRT" || end.code === 134) {
    const detail = end.stderr.match(/(?:FATAL ERROR|Fatal JavaScript|MemoryError)[^\n]*/)?.[0];
    return failure({
      kind: "oom",
      message: `the workload ran out of memory during ${position.text}${detail ? ` (${detail.trim()})` : ""}${last.memory ? `; last heap used ${mb(last.memory.heapUsed)}, RSS ${mb(last.memory.rss)}` : ""}`,
      ...at,
      ...lastMemory
    });
  }
  if (end.signal === "SIGKILL") {
    return failure({
      kind: "oom",
      message: `the workload process was killed (SIGKILL, not sent by memgate) during ${position.text}: most likely the operating system ran out of memory${last.memory ? `; last RSS ${mb(last.memory.rss)}` : ""}`,
      ...at,
      ...lastMemory
    });
  }
  if (end.signal) {
    return failure({
      kind: "exit",
      message: `the workload process was terminated by ${end.signal} during ${position.text}`,
      ...at
    });
  }
  const done = end.events.some((e) => e.event === "done");
  if (done && end.code === 0 && existsSync(end.resultPath)) {
    const outcome = await readResult(end.resultPath);
    if (outcome.ok) {
      const captured = end.events.some((e) => e.event === "phase" && e.phase === "retainers");
      const retainers = captured ? await readRetainers(`${end.resultPath}${RETAINERS_SUFFIX}`) : void 0;
      if (retainers) outcome.result.retainers = retainers;
    }
    return outcome;
  }
  const output = tailOf(end.stderr) || tailOf(end.stdout);
  if (end.events.length === 0) {
    return failure({
      kind: "runtime",
      message: `${end.runtimeLabel} exited (code ${end.code}) before memgate's probe could start${output ? `:
${output}` : ""}`
    });
  }
  return failure({
    kind: "probe",
    message: `memgate's probe ended without a result (exit code ${end.code}) during ${position.text}; this is a bug in memgate${output ? `. Output:
${output}` : ""}`,
    ...at
  });
}

// src/measure/node-command.ts
import { execFile } from "node:child_process";
import { createRequire } from "node:module";
import { dirname as dirname3, extname, join as join2 } from "node:path";
import { pathToFileURL } from "node:url";
var TYPESCRIPT_EXTENSIONS = [".ts", ".mts", ".cts"];
var MIN_MAJOR = 20;
var NO_INLINING = ["--no-turbo-inlining", "--no-maglev-inlining"];
var NODE_PROBE = "node-probe.mjs";
var locateNodeProbe = () => locateProbe(NODE_PROBE);
var infoCache = /* @__PURE__ */ new Map();
function nodeInfo(nodePath) {
  let cached = infoCache.get(nodePath);
  if (!cached) {
    const own = ownInfo(nodePath);
    cached = own ? Promise.resolve(own) : queryNode(nodePath);
    infoCache.set(nodePath, cached);
  }
  return cached;
}
function ownInfo(nodePath) {
  if (nodePath !== process.execPath) return null;
  const flags = [...process.execArgv, process.env.NODE_OPTIONS ?? ""].join(" ");
  if (/strip-types|transform-types/.test(flags)) return null;
  const version = process.versions.node;
  const [major = 0, minor = 0] = version.split(".").map(Number);
  const typescript = process.features.typescript || null;
  return { version, major, minor, typescript };
}
function queryNode(nodePath) {
  const script = "JSON.stringify({ version: process.versions.node, typescript: (process.features && process.features.typescript) || null })";
  return new Promise((resolve7) => {
    const env = { ...process.env };
    delete env.NODE_OPTIONS;
    execFile(nodePath, ["-p", script], { timeout: 3e4, env }, (error, stdout) => {
      if (error) {
        const missing = error.code === "ENOENT";
        resolve7({
          kind: "runtime",
          message: missing ? `node not found: could not run "${nodePath}" (is it installed and on PATH?)` : `could not run "${nodePath} -p": ${error.message}`
        });
        return;
      }
      try {
        const parsed = JSON.parse(stdout.trim());
        const [major = 0, minor = 0] = parsed.version.split(".").map(Number);
        resolve7({ version: parsed.version, major, minor, typescript: parsed.typescript || null });
      } catch {
        resolve7({
          kind: "runtime",
          message: `"${nodePath}" does not look like Node.js (unexpected answer: ${stdout.trim().slice(0, 200)})`
        });
      }
    });
  });
}
var stripsBehindFlag = (info) => info.major === 22 && info.minor >= 6 && info.minor < 18 || info.major === 23 && info.minor < 6;
function resolveTsx(workload) {
  for (const base of [import.meta.url, join2(dirname3(workload), "noop.js")]) {
    try {
      const require2 = createRequire(base);
      const entry = require2.resolve("tsx");
      const { version } = require2("tsx/package.json");
      return { entry, version };
    } catch {
    }
  }
  return null;
}
function typeScriptMode(info, workload, findTsx = resolveTsx) {
  const tsx = findTsx(workload);
  if (tsx)
    return {
      mode: "tsx",
      loader: `tsx ${tsx.version}`,
      flags: ["--enable-source-maps", "--import", pathToFileURL(tsx.entry).href]
    };
  if (info.typescript) return { mode: "native", loader: "native", flags: [] };
  if (stripsBehindFlag(info))
    return {
      mode: "native",
      loader: "native",
      flags: ["--experimental-strip-types", "--disable-warning=ExperimentalWarning"]
    };
  return {
    error: {
      kind: "runtime",
      message: `${workload} is TypeScript, and Node ${info.version} cannot run TypeScript by itself: memgate's tsx loader was not found (reinstall memgate, or install tsx in your project: npm install --save-dev tsx), or use Node 22.18 or later, which strips types natively`
    }
  };
}
async function buildNodeCommand(options) {
  const command = options.nodePath ?? "node";
  const info = await nodeInfo(command);
  if ("kind" in info) return { error: info };
  if (info.major < MIN_MAJOR) {
    return {
      error: {
        kind: "runtime",
        message: `memgate needs Node ${MIN_MAJOR} or later to measure a workload; "${command}" is Node ${info.version}`
      }
    };
  }
  const flags = ["--expose-gc", ...options.inlining ? [] : NO_INLINING];
  let loader = "none";
  if (TYPESCRIPT_EXTENSIONS.includes(extname(options.workload))) {
    const ts = typeScriptMode(info, options.workload);
    if ("error" in ts) return { error: ts.error };
    flags.push(...ts.flags);
    loader = ts.loader;
  } else {
    flags.push("--enable-source-maps");
  }
  return { command, args: [...flags, ...options.nodeArgs ?? [], options.probePath], loader };
}

// src/measure/runtimes/node.ts
var MISSING_PROBE = `memgate's Node probe (dist/probe/${NODE_PROBE}) is missing: the package was not built (npm run build)`;
var NODE = {
  name: "node",
  extensions: [".mjs", ".js", ".cjs", ...TYPESCRIPT_EXTENSIONS],
  async command(workload, options) {
    const probePath = locateNodeProbe();
    if (!probePath) return { error: { kind: "probe", message: MISSING_PROBE } };
    return buildNodeCommand({
      workload,
      probePath,
      ...options.nodePath ? { nodePath: options.nodePath } : {},
      ...options.nodeArgs ? { nodeArgs: options.nodeArgs } : {},
      ...options.inlining ? { inlining: true } : {}
    });
  },
  // As the samplers state it (probe/samplers/): neither counts objects, and only v8-profiler-next cannot be
  // read twice, so its `after` holds pass 2's allocations alone.
  profiler: ({ profiler, samplingInterval, stackDepth }) => ({
    backend: profiler,
    samplingInterval,
    stackDepth,
    countsObjects: false,
    continuous: profiler !== "v8-profiler-next"
  }),
  groupsInProbe: false,
  savesProfile: true
};

// src/measure/python-command.ts
import { execFile as execFile2 } from "node:child_process";
import { existsSync as existsSync2 } from "node:fs";
import { dirname as dirname4, isAbsolute, join as join3, resolve as resolve2 } from "node:path";
import { fileURLToPath as fileURLToPath3 } from "node:url";
var MIN_PYTHON = [3, 9];
var PROBE_FILE = "python_probe.py";
var LOADER_FILE = "python_loader.py";
var HOW_TO_CHOOSE = "point memgate at one with --python (CLI) or the `python` input (Action)";
var QUERY = [
  "import sys;print('Python %d.%d.%d' % tuple(sys.version_info[:3]));print(sys.executable or '');sys.stdout.flush()",
  "if sys.version_info >= (3, 9) and len(sys.argv) > 1:",
  " try:",
  "  a=sys.argv[1];l={'__name__':'memgate_python_loader','__file__':a};exec(compile(open(a,'rb').read(),a,'exec'),l);l['warm']()",
  " except Exception:",
  "  pass"
].join("\n");
var infoCache2 = /* @__PURE__ */ new Map();
function pythonInfo(python, cwd) {
  let cached = infoCache2.get(python);
  if (!cached) {
    cached = queryPython(python, cwd, locatePythonLoader());
    infoCache2.set(python, cached);
  }
  return cached;
}
function parsePythonVersion(output) {
  const match = /Python (\d+)\.(\d+)(?:\.(\d+))?/.exec(output);
  if (!match) return null;
  const major = Number(match[1]);
  const minor = Number(match[2]);
  return { version: `${major}.${minor}${match[3] === void 0 ? "" : `.${match[3]}`}`, major, minor };
}
function queryPython(python, cwd, loader) {
  return new Promise((done) => {
    execFile2(
      python,
      ["-S", "-c", QUERY, ...loader ? [loader] : []],
      { cwd, timeout: 3e4, windowsHide: true },
      (error, stdout, stderr) => {
        const parsed = parsePythonVersion(`${stdout}
${stderr}`);
        const executable = stdout.split(/\r?\n/)[1]?.trim();
        const info = parsed && executable ? { ...parsed, executable } : parsed;
        if (error && !info) {
          const code = error.code;
          const why = code === "ENOENT" ? "not found" : code === "EACCES" ? "not executable" : `failed when asked for its version (${error.message.split("\n")[0]})`;
          done({
            kind: "runtime",
            message: `Python interpreter "${python}" ${why}: Python workloads need CPython ${MIN_PYTHON.join(".")} or later; install it, or ${HOW_TO_CHOOSE}`
          });
          return;
        }
        if (!info) {
          const said = `${stdout}${stderr}`.trim().slice(0, 200) || "nothing";
          done({
            kind: "runtime",
            message: `"${python}" does not look like Python: asked for its version, it printed ${JSON.stringify(said)}; expected CPython ${MIN_PYTHON.join(".")} or later`
          });
          return;
        }
        done(info);
      }
    );
  });
}
var tooOld = (info) => info.major < MIN_PYTHON[0] || info.major === MIN_PYTHON[0] && info.minor < MIN_PYTHON[1];
function locatePythonLoader() {
  const both = (loader) => loader && existsSync2(join3(dirname4(loader), PROBE_FILE)) ? loader : null;
  const shipped = both(locateProbe(LOADER_FILE));
  if (shipped) return shipped;
  const source = join3(dirname4(fileURLToPath3(import.meta.url)), "probe", LOADER_FILE);
  return existsSync2(source) ? both(source) : null;
}
var resolveInterpreter = (python, cwd) => isAbsolute(python) || !/[\\/]/.test(python) ? python : resolve2(cwd, python);
var PYTHON_BOOTSTRAP = "import sys;a=sys.argv[1];exec(compile(open(a,'rb').read(),a,'exec'));g['leave'](g['main']())";
async function buildPythonCommand(options, _config) {
  let python;
  let info;
  if (options.pythonPath) {
    python = resolveInterpreter(options.pythonPath, options.cwd);
    info = await pythonInfo(python, options.cwd);
  } else {
    python = "python3";
    info = await pythonInfo(python, options.cwd);
    if ("kind" in info) {
      const fallback = await pythonInfo("python", options.cwd);
      if (!("kind" in fallback)) {
        python = "python";
        info = fallback;
      }
    }
  }
  if ("kind" in info) return { error: info };
  if (tooOld(info)) {
    return {
      error: {
        kind: "runtime",
        message: `Python workloads need CPython ${MIN_PYTHON.join(".")} or later (memgate's tracemalloc probe uses tracemalloc.reset_peak); "${python}" is Python ${info.version}: install a newer one, or ${HOW_TO_CHOOSE}`
      }
    };
  }
  const loader = locatePythonLoader();
  if (!loader) {
    return {
      error: {
        kind: "probe",
        message: `memgate's Python probe (dist/probe/${PROBE_FILE} and ${LOADER_FILE}) is missing: the package was not built (npm run build)`
      }
    };
  }
  return { command: info.executable ?? python, args: ["-X", "utf8", "-c", PYTHON_BOOTSTRAP, loader] };
}

// src/measure/runtimes/python.ts
var TRACEMALLOC_MAX_FRAMES = 65535;
var PYTHON = {
  name: "python",
  extensions: [".py"],
  command: (_workload, options, config) => buildPythonCommand(options, config),
  // As python_probe.py states it: tracemalloc traces every allocation and counts them, from one trace.
  profiler: ({ stackDepth }) => ({
    backend: "tracemalloc",
    samplingInterval: null,
    stackDepth: Math.min(stackDepth, TRACEMALLOC_MAX_FRAMES),
    countsObjects: true,
    continuous: true
  }),
  groupsInProbe: true,
  savesProfile: false
};

// src/measure/runtimes/index.ts
var BY_NAME = { node: NODE, python: PYTHON };
var RUNTIMES = Object.values(BY_NAME);
var WORKLOAD_EXTENSIONS = RUNTIMES.flatMap((runtime) => runtime.extensions);
function runtimeFor(path) {
  return RUNTIMES.find((runtime) => runtime.extensions.some((ext) => path.endsWith(ext))) ?? null;
}
var runtimeNamed = (name) => BY_NAME[name];
function describeExtensions() {
  return `${WORKLOAD_EXTENSIONS.slice(0, -1).join(", ")} or ${WORKLOAD_EXTENSIONS.at(-1)}`;
}
function describeProfiler(path, choice) {
  const runtime = runtimeFor(path) ?? NODE;
  return { runtime: { name: runtime.name, version: "" }, profiler: runtime.profiler(choice) };
}

// src/measure/measure.ts
var COMPARE_KEY = { line: "lineno", file: "filename", traceback: "traceback" };
function confirmConfig(leakRate2, budgetSeconds, checkpointHeapLimit = DEFAULTS.checkpointHeapLimit) {
  return {
    leakRate: leakRate2,
    budgetMs: budgetSeconds * 1e3,
    checkpointHeapLimit,
    growthFloor: GROWTH_FLOOR,
    floors: CONFIRM_FLOORS,
    hold: HOLD,
    strong: STRONG,
    firstHold: FIRST_HOLD,
    maxSegments: MAX_SEGMENTS,
    readings: READINGS_PER_SEGMENT
  };
}
var failed = (error) => ({ ok: false, error });
async function measureWorkload(options) {
  const workload = resolve3(options.cwd, options.workload);
  if (!existsSync3(workload) || !statSync2(workload).isFile()) {
    return failed({ kind: "not-found", message: `workload not found: ${workload}` });
  }
  const runtime = runtimeFor(workload);
  if (!runtime) {
    return failed({ kind: "load", message: `cannot run ${workload}: a workload is a ${describeExtensions()} file` });
  }
  const profileOut = options.profileOut ? resolve3(options.cwd, options.profileOut) : void 0;
  const config = {
    workload,
    iterations: options.iterations,
    defaultIterations: DEFAULTS.iterations,
    profiler: options.profiler,
    samplingInterval: options.samplingInterval,
    stackDepth: options.stackDepth,
    seriesPoints: options.seriesPoints ?? DEFAULTS.seriesPoints,
    gcRounds: options.gcRounds ?? DEFAULTS.gcRounds,
    include: options.include,
    exclude: options.exclude,
    compareKey: COMPARE_KEY[options.groupBy],
    ...profileOut && runtime.savesProfile ? { profileOut } : {},
    ...options.confirm ? {
      confirm: confirmConfig(
        options.confirm.leakRate,
        options.confirm.budgetSeconds,
        options.confirm.checkpointHeapLimit
      )
    } : {},
    ...options.retainers ? { retainers: options.retainers } : {}
  };
  const command = await runtime.command(workload, options, config);
  if ("error" in command) return failed(command.error);
  if (config.profileOut) mkdirSync(dirname5(config.profileOut), { recursive: true });
  const outcome = await runProbe({
    command: command.command,
    args: command.args,
    cwd: options.cwd,
    config,
    timeoutSeconds: options.timeoutSeconds,
    runtimeLabel: runtime.name,
    ...options.onProgress ? { onProgress: options.onProgress } : {},
    ...options.echoOutput ? { echoOutput: true } : {}
  });
  if (!outcome.ok) return outcome;
  if (command.loader && command.loader !== "none") outcome.result.runtime.loader = command.loader;
  if (config.profileOut && existsSync3(config.profileOut)) return { ...outcome, profilePath: config.profileOut };
  return outcome;
}

// src/measure/workloads.ts
import { existsSync as existsSync4, statSync as statSync4 } from "node:fs";
import { isAbsolute as isAbsolute3, relative as relative3, resolve as resolve6 } from "node:path";

// node_modules/tinyglobby/dist/index.mjs
import { readdir, readdirSync, realpath, realpathSync, stat, statSync as statSync3 } from "fs";
import { isAbsolute as isAbsolute2, posix, resolve as resolve5 } from "path";
import { fileURLToPath as fileURLToPath4 } from "url";

// node_modules/fdir/dist/index.mjs
import { createRequire as createRequire2 } from "module";
import { basename, dirname as dirname6, normalize, relative as relative2, resolve as resolve4, sep as sep2 } from "path";
import * as nativeFs from "fs";
var __require = /* @__PURE__ */ createRequire2(import.meta.url);
function cleanPath(path) {
  let normalized = normalize(path);
  if (normalized.length > 1 && normalized[normalized.length - 1] === sep2) normalized = normalized.substring(0, normalized.length - 1);
  return normalized;
}
var SLASHES_REGEX = /[\\/]/g;
function convertSlashes(path, separator) {
  return path.replace(SLASHES_REGEX, separator);
}
var WINDOWS_ROOT_DIR_REGEX = /^[a-z]:[\\/]$/i;
function isRootDirectory(path) {
  return path === "/" || WINDOWS_ROOT_DIR_REGEX.test(path);
}
function normalizePath(path, options) {
  const { resolvePaths, normalizePath: normalizePath$1, pathSeparator } = options;
  const pathNeedsCleaning = process.platform === "win32" && path.includes("/") || path.startsWith(".");
  if (resolvePaths) path = resolve4(path);
  if (normalizePath$1 || pathNeedsCleaning) path = cleanPath(path);
  if (path === ".") return "";
  const needsSeperator = path[path.length - 1] !== pathSeparator;
  return convertSlashes(needsSeperator ? path + pathSeparator : path, pathSeparator);
}
function joinPathWithBasePath(filename, directoryPath) {
  return directoryPath + filename;
}
function joinPathWithRelativePath(root, options) {
  return function(filename, directoryPath) {
    const sameRoot = directoryPath.startsWith(root);
    if (sameRoot) return directoryPath.slice(root.length) + filename;
    else return convertSlashes(relative2(root, directoryPath), options.pathSeparator) + options.pathSeparator + filename;
  };
}
function joinPath(filename) {
  return filename;
}
function joinDirectoryPath(filename, directoryPath, separator) {
  return directoryPath + filename + separator;
}
function build$7(root, options) {
  const { relativePaths, includeBasePath } = options;
  return relativePaths && root ? joinPathWithRelativePath(root, options) : includeBasePath ? joinPathWithBasePath : joinPath;
}
function pushDirectoryWithRelativePath(root) {
  return function(directoryPath, paths) {
    paths.push(directoryPath.substring(root.length) || ".");
  };
}
function pushDirectoryFilterWithRelativePath(root) {
  return function(directoryPath, paths, filters) {
    const relativePath2 = directoryPath.substring(root.length) || ".";
    if (filters.every((filter) => filter(relativePath2, true))) paths.push(relativePath2);
  };
}
var pushDirectory = (directoryPath, paths) => {
  paths.push(directoryPath || ".");
};
var pushDirectoryFilter = (directoryPath, paths, filters) => {
  const path = directoryPath || ".";
  if (filters.every((filter) => filter(path, true))) paths.push(path);
};
var empty$2 = () => {
};
function build$6(root, options) {
  const { includeDirs, filters, relativePaths } = options;
  if (!includeDirs) return empty$2;
  if (relativePaths) return filters && filters.length ? pushDirectoryFilterWithRelativePath(root) : pushDirectoryWithRelativePath(root);
  return filters && filters.length ? pushDirectoryFilter : pushDirectory;
}
var pushFileFilterAndCount = (filename, _paths, counts, filters) => {
  if (filters.every((filter) => filter(filename, false))) counts.files++;
};
var pushFileFilter = (filename, paths, _counts, filters) => {
  if (filters.every((filter) => filter(filename, false))) paths.push(filename);
};
var pushFileCount = (_filename, _paths, counts, _filters) => {
  counts.files++;
};
var pushFile = (filename, paths) => {
  paths.push(filename);
};
var empty$1 = () => {
};
function build$5(options) {
  const { excludeFiles, filters, onlyCounts } = options;
  if (excludeFiles) return empty$1;
  if (filters && filters.length) return onlyCounts ? pushFileFilterAndCount : pushFileFilter;
  else if (onlyCounts) return pushFileCount;
  else return pushFile;
}
var getArray = (paths) => {
  return paths;
};
var getArrayGroup = () => {
  return [""].slice(0, 0);
};
function build$4(options) {
  return options.group ? getArrayGroup : getArray;
}
var groupFiles = (groups, directory, files) => {
  groups.push({
    directory,
    files,
    dir: directory
  });
};
var empty = () => {
};
function build$3(options) {
  return options.group ? groupFiles : empty;
}
var resolveSymlinksAsync = function(path, state, callback$1) {
  const { queue, fs, options: { suppressErrors } } = state;
  queue.enqueue();
  fs.realpath(path, (error, resolvedPath) => {
    if (error) return queue.dequeue(suppressErrors ? null : error, state);
    fs.stat(resolvedPath, (error$1, stat2) => {
      if (error$1) return queue.dequeue(suppressErrors ? null : error$1, state);
      if (stat2.isDirectory() && isRecursive(path, resolvedPath, state)) return queue.dequeue(null, state);
      callback$1(stat2, resolvedPath);
      queue.dequeue(null, state);
    });
  });
};
var resolveSymlinks = function(path, state, callback$1) {
  const { queue, fs, options: { suppressErrors } } = state;
  queue.enqueue();
  try {
    const resolvedPath = fs.realpathSync(path);
    const stat2 = fs.statSync(resolvedPath);
    if (stat2.isDirectory() && isRecursive(path, resolvedPath, state)) return;
    callback$1(stat2, resolvedPath);
  } catch (e) {
    if (!suppressErrors) throw e;
  }
};
function build$2(options, isSynchronous) {
  if (!options.resolveSymlinks || options.excludeSymlinks) return null;
  return isSynchronous ? resolveSymlinks : resolveSymlinksAsync;
}
function isRecursive(path, resolved, state) {
  if (state.options.useRealPaths) return isRecursiveUsingRealPaths(resolved, state);
  let parent = dirname6(path);
  let depth = 1;
  while (parent !== state.root && depth < 2) {
    const resolvedPath = state.symlinks.get(parent);
    const isSameRoot = !!resolvedPath && (resolvedPath === resolved || resolvedPath.startsWith(resolved) || resolved.startsWith(resolvedPath));
    if (isSameRoot) depth++;
    else parent = dirname6(parent);
  }
  state.symlinks.set(path, resolved);
  return depth > 1;
}
function isRecursiveUsingRealPaths(resolved, state) {
  return state.visited.includes(resolved + state.options.pathSeparator);
}
var onlyCountsSync = (state) => {
  return state.counts;
};
var groupsSync = (state) => {
  return state.groups;
};
var defaultSync = (state) => {
  return state.paths;
};
var limitFilesSync = (state) => {
  return state.paths.slice(0, state.options.maxFiles);
};
var onlyCountsAsync = (state, error, callback$1) => {
  report(error, callback$1, state.counts, state.options.suppressErrors);
  return null;
};
var defaultAsync = (state, error, callback$1) => {
  report(error, callback$1, state.paths, state.options.suppressErrors);
  return null;
};
var limitFilesAsync = (state, error, callback$1) => {
  report(error, callback$1, state.paths.slice(0, state.options.maxFiles), state.options.suppressErrors);
  return null;
};
var groupsAsync = (state, error, callback$1) => {
  report(error, callback$1, state.groups, state.options.suppressErrors);
  return null;
};
function report(error, callback$1, output, suppressErrors) {
  if (error && !suppressErrors) callback$1(error, output);
  else callback$1(null, output);
}
function build$1(options, isSynchronous) {
  const { onlyCounts, group, maxFiles } = options;
  if (onlyCounts) return isSynchronous ? onlyCountsSync : onlyCountsAsync;
  else if (group) return isSynchronous ? groupsSync : groupsAsync;
  else if (maxFiles) return isSynchronous ? limitFilesSync : limitFilesAsync;
  else return isSynchronous ? defaultSync : defaultAsync;
}
var readdirOpts = { withFileTypes: true };
var walkAsync = (state, crawlPath, directoryPath, currentDepth, callback$1) => {
  state.queue.enqueue();
  if (currentDepth < 0) return state.queue.dequeue(null, state);
  const { fs } = state;
  state.visited.push(crawlPath);
  state.counts.directories++;
  fs.readdir(crawlPath || ".", readdirOpts, (error, entries = []) => {
    callback$1(entries, directoryPath, currentDepth);
    state.queue.dequeue(state.options.suppressErrors ? null : error, state);
  });
};
var walkSync = (state, crawlPath, directoryPath, currentDepth, callback$1) => {
  const { fs } = state;
  if (currentDepth < 0) return;
  state.visited.push(crawlPath);
  state.counts.directories++;
  let entries = [];
  try {
    entries = fs.readdirSync(crawlPath || ".", readdirOpts);
  } catch (e) {
    if (!state.options.suppressErrors) throw e;
  }
  callback$1(entries, directoryPath, currentDepth);
};
function build(isSynchronous) {
  return isSynchronous ? walkSync : walkAsync;
}
var Queue = class {
  count = 0;
  constructor(onQueueEmpty) {
    this.onQueueEmpty = onQueueEmpty;
  }
  enqueue() {
    this.count++;
    return this.count;
  }
  dequeue(error, output) {
    if (this.onQueueEmpty && (--this.count <= 0 || error)) {
      this.onQueueEmpty(error, output);
      if (error) {
        output.controller.abort();
        this.onQueueEmpty = void 0;
      }
    }
  }
};
var Counter = class {
  _files = 0;
  _directories = 0;
  set files(num) {
    this._files = num;
  }
  get files() {
    return this._files;
  }
  set directories(num) {
    this._directories = num;
  }
  get directories() {
    return this._directories;
  }
  /**
  * @deprecated use `directories` instead
  */
  /* c8 ignore next 3 */
  get dirs() {
    return this._directories;
  }
};
var Aborter = class {
  aborted = false;
  abort() {
    this.aborted = true;
  }
};
var Walker = class {
  root;
  isSynchronous;
  state;
  joinPath;
  pushDirectory;
  pushFile;
  getArray;
  groupFiles;
  resolveSymlink;
  walkDirectory;
  callbackInvoker;
  constructor(root, options, callback$1) {
    this.isSynchronous = !callback$1;
    this.callbackInvoker = build$1(options, this.isSynchronous);
    this.root = normalizePath(root, options);
    this.state = {
      root: isRootDirectory(this.root) ? this.root : this.root.slice(0, -1),
      paths: [""].slice(0, 0),
      groups: [],
      counts: new Counter(),
      options,
      queue: new Queue((error, state) => this.callbackInvoker(state, error, callback$1)),
      symlinks: /* @__PURE__ */ new Map(),
      visited: [""].slice(0, 0),
      controller: new Aborter(),
      fs: options.fs || nativeFs
    };
    this.joinPath = build$7(this.root, options);
    this.pushDirectory = build$6(this.root, options);
    this.pushFile = build$5(options);
    this.getArray = build$4(options);
    this.groupFiles = build$3(options);
    this.resolveSymlink = build$2(options, this.isSynchronous);
    this.walkDirectory = build(this.isSynchronous);
  }
  start() {
    this.pushDirectory(this.root, this.state.paths, this.state.options.filters);
    this.walkDirectory(this.state, this.root, this.root, this.state.options.maxDepth, this.walk);
    return this.isSynchronous ? this.callbackInvoker(this.state, null) : null;
  }
  walk = (entries, directoryPath, depth) => {
    const { paths, options: { filters, resolveSymlinks: resolveSymlinks$1, excludeSymlinks, exclude, maxFiles, signal, useRealPaths, pathSeparator }, controller } = this.state;
    if (controller.aborted || signal && signal.aborted || maxFiles && paths.length > maxFiles) return;
    const files = this.getArray(this.state.paths);
    for (let i = 0; i < entries.length; ++i) {
      const entry = entries[i];
      if (entry.isFile() || entry.isSymbolicLink() && !resolveSymlinks$1 && !excludeSymlinks) {
        const filename = this.joinPath(entry.name, directoryPath);
        this.pushFile(filename, files, this.state.counts, filters);
      } else if (entry.isDirectory()) {
        let path = joinDirectoryPath(entry.name, directoryPath, this.state.options.pathSeparator);
        if (exclude && exclude(entry.name, path)) continue;
        this.pushDirectory(path, paths, filters);
        this.walkDirectory(this.state, path, path, depth - 1, this.walk);
      } else if (this.resolveSymlink && entry.isSymbolicLink()) {
        let path = joinPathWithBasePath(entry.name, directoryPath);
        this.resolveSymlink(path, this.state, (stat2, resolvedPath) => {
          if (stat2.isDirectory()) {
            resolvedPath = normalizePath(resolvedPath, this.state.options);
            if (exclude && exclude(entry.name, useRealPaths ? resolvedPath : path + pathSeparator)) return;
            this.walkDirectory(this.state, resolvedPath, useRealPaths ? resolvedPath : path + pathSeparator, depth - 1, this.walk);
          } else {
            resolvedPath = useRealPaths ? resolvedPath : path;
            const filename = basename(resolvedPath);
            const directoryPath$1 = normalizePath(dirname6(resolvedPath), this.state.options);
            resolvedPath = this.joinPath(filename, directoryPath$1);
            this.pushFile(resolvedPath, files, this.state.counts, filters);
          }
        });
      }
    }
    this.groupFiles(this.state.groups, directoryPath, files);
  };
};
function promise(root, options) {
  return new Promise((resolve$1, reject) => {
    callback(root, options, (err, output) => {
      if (err) return reject(err);
      resolve$1(output);
    });
  });
}
function callback(root, options, callback$1) {
  let walker = new Walker(root, options, callback$1);
  walker.start();
}
function sync(root, options) {
  const walker = new Walker(root, options);
  return walker.start();
}
var APIBuilder = class {
  constructor(root, options) {
    this.root = root;
    this.options = options;
  }
  withPromise() {
    return promise(this.root, this.options);
  }
  withCallback(cb) {
    callback(this.root, this.options, cb);
  }
  sync() {
    return sync(this.root, this.options);
  }
};
var pm = null;
try {
  __require.resolve("picomatch");
  pm = __require("picomatch");
} catch {
}
var Builder = class {
  globCache = {};
  options = {
    maxDepth: Infinity,
    suppressErrors: true,
    pathSeparator: sep2,
    filters: []
  };
  globFunction;
  constructor(options) {
    this.options = {
      ...this.options,
      ...options
    };
    this.globFunction = this.options.globFunction;
  }
  group() {
    this.options.group = true;
    return this;
  }
  withPathSeparator(separator) {
    this.options.pathSeparator = separator;
    return this;
  }
  withBasePath() {
    this.options.includeBasePath = true;
    return this;
  }
  withRelativePaths() {
    this.options.relativePaths = true;
    return this;
  }
  withDirs() {
    this.options.includeDirs = true;
    return this;
  }
  withMaxDepth(depth) {
    this.options.maxDepth = depth;
    return this;
  }
  withMaxFiles(limit) {
    this.options.maxFiles = limit;
    return this;
  }
  withFullPaths() {
    this.options.resolvePaths = true;
    this.options.includeBasePath = true;
    return this;
  }
  withErrors() {
    this.options.suppressErrors = false;
    return this;
  }
  withSymlinks({ resolvePaths = true } = {}) {
    this.options.resolveSymlinks = true;
    this.options.useRealPaths = resolvePaths;
    return this.withFullPaths();
  }
  withAbortSignal(signal) {
    this.options.signal = signal;
    return this;
  }
  normalize() {
    this.options.normalizePath = true;
    return this;
  }
  filter(predicate) {
    this.options.filters.push(predicate);
    return this;
  }
  onlyDirs() {
    this.options.excludeFiles = true;
    this.options.includeDirs = true;
    return this;
  }
  exclude(predicate) {
    this.options.exclude = predicate;
    return this;
  }
  onlyCounts() {
    this.options.onlyCounts = true;
    return this;
  }
  crawl(root) {
    return new APIBuilder(root || ".", this.options);
  }
  withGlobFunction(fn) {
    this.globFunction = fn;
    return this;
  }
  /**
  * @deprecated Pass options using the constructor instead:
  * ```ts
  * new fdir(options).crawl("/path/to/root");
  * ```
  * This method will be removed in v7.0
  */
  /* c8 ignore next 4 */
  crawlWithOptions(root, options) {
    this.options = {
      ...this.options,
      ...options
    };
    return new APIBuilder(root || ".", this.options);
  }
  glob(...patterns) {
    if (this.globFunction) return this.globWithOptions(patterns);
    return this.globWithOptions(patterns, ...[{ dot: true }]);
  }
  globWithOptions(patterns, ...options) {
    const globFn = this.globFunction || pm;
    if (!globFn) throw new Error("Please specify a glob function to use glob matching.");
    var isMatch = this.globCache[patterns.join("\0")];
    if (!isMatch) {
      isMatch = globFn(patterns, ...options);
      this.globCache[patterns.join("\0")] = isMatch;
    }
    this.options.filters.push((path) => isMatch(path));
    return this;
  }
};

// node_modules/tinyglobby/dist/index.mjs
var import_picomatch = __toESM(require_picomatch2(), 1);
var isReadonlyArray = Array.isArray;
var BACKSLASHES = /\\/g;
var DRIVE_RELATIVE_PATH = /^[A-Za-z]:$/;
var isWin = process.platform === "win32";
var ONLY_PARENT_DIRECTORIES = /^(\/?\.\.)+$/;
function getPartialMatcher(patterns, options = {}) {
  const patternsCount = patterns.length;
  const patternsParts = Array(patternsCount);
  const matchers = Array(patternsCount);
  let i, j;
  for (i = 0; i < patternsCount; i++) {
    const parts = splitPattern(patterns[i]);
    patternsParts[i] = parts;
    const partsCount = parts.length;
    const partMatchers = Array(partsCount);
    for (j = 0; j < partsCount; j++) partMatchers[j] = (0, import_picomatch.default)(parts[j], options);
    matchers[i] = partMatchers;
  }
  return (input) => {
    const inputParts = input.split("/");
    if (inputParts[0] === ".." && ONLY_PARENT_DIRECTORIES.test(input)) return true;
    for (i = 0; i < patternsCount; i++) {
      const patternParts = patternsParts[i];
      const matcher = matchers[i];
      const inputPatternCount = inputParts.length;
      const minParts = Math.min(inputPatternCount, patternParts.length);
      j = 0;
      while (j < minParts) {
        const part = patternParts[j];
        if (part.includes("/")) return true;
        if (!matcher[j](inputParts[j])) break;
        if (!options.noglobstar && part === "**") return true;
        j++;
      }
      if (j === inputPatternCount) return true;
    }
    return false;
  };
}
var WIN32_ROOT_DIR = /^[A-Z]:\/$/i;
var isRoot = isWin ? (p) => WIN32_ROOT_DIR.test(p) : (p) => p === "/";
function buildFormat(cwd, root, absolute) {
  if (cwd === root || root.startsWith(`${cwd}/`)) {
    if (absolute) {
      const start = cwd.length + +!isRoot(cwd);
      return (p, isDir) => p.slice(start, isDir ? -1 : void 0) || ".";
    }
    const prefix = root.slice(cwd.length + 1);
    if (prefix) return (p, isDir) => {
      if (p === ".") return prefix;
      const result = `${prefix}/${p}`;
      return isDir ? result.slice(0, -1) : result;
    };
    return (p, isDir) => isDir && p !== "." ? p.slice(0, -1) : p;
  }
  if (absolute) return (p) => posix.relative(cwd, p) || ".";
  return (p) => posix.relative(cwd, `${root}/${p}`) || ".";
}
function buildRelative(cwd, root) {
  if (root.startsWith(`${cwd}/`)) {
    const prefix = root.slice(cwd.length + 1);
    return (p) => `${prefix}/${p}`;
  }
  return (p) => {
    const result = posix.relative(cwd, `${root}/${p}`);
    return p[p.length - 1] === "/" && result !== "" ? `${result}/` : result || ".";
  };
}
function ensureNonDriveRelativePath(path) {
  return path.replace(DRIVE_RELATIVE_PATH, (match) => `${match}/`);
}
var splitPatternOptions = { parts: true };
function splitPattern(path) {
  var _result$parts;
  const result = import_picomatch.default.scan(path, splitPatternOptions);
  return ((_result$parts = result.parts) === null || _result$parts === void 0 ? void 0 : _result$parts.length) ? result.parts : [path];
}
var POSIX_UNESCAPED_GLOB_SYMBOLS = /(?<!\\)([()[\]{}*?|]|^!|[!+@](?=\()|\\(?![()[\]{}!*+?@|]))/g;
var WIN32_UNESCAPED_GLOB_SYMBOLS = /(?<!\\)([()[\]{}]|^!|[!+@](?=\())/g;
var escapePosixPath = (path) => path.replace(POSIX_UNESCAPED_GLOB_SYMBOLS, "\\$&");
var escapeWin32Path = (path) => path.replace(WIN32_UNESCAPED_GLOB_SYMBOLS, "\\$&");
var escapePath = isWin ? escapeWin32Path : escapePosixPath;
function isDynamicPattern(pattern, options) {
  if ((options === null || options === void 0 ? void 0 : options.caseSensitiveMatch) === false) return true;
  const scan = import_picomatch.default.scan(pattern);
  return scan.isGlob || scan.negated;
}
function log(...tasks) {
  console.log(`[tinyglobby ${(/* @__PURE__ */ new Date()).toLocaleTimeString("es")}]`, ...tasks);
}
function ensureStringArray(value) {
  return typeof value === "string" ? [value] : value !== null && value !== void 0 ? value : [];
}
var PARENT_DIRECTORY = /^(\/?\.\.)+/;
var ESCAPING_BACKSLASHES = /\\(?=[()[\]{}!*+?@|])/g;
function normalizePattern(pattern, opts, props, isIgnore) {
  var _PARENT_DIRECTORY$exe;
  const cwd = opts.cwd;
  let result = pattern;
  if (pattern[pattern.length - 1] === "/") result = pattern.slice(0, -1);
  if (result[result.length - 1] !== "*" && opts.expandDirectories) result += "/**";
  const escapedCwd = escapePath(cwd);
  result = isAbsolute2(result.replace(ESCAPING_BACKSLASHES, "")) ? posix.relative(escapedCwd, result) : posix.normalize(result);
  const parentDir = (_PARENT_DIRECTORY$exe = PARENT_DIRECTORY.exec(result)) === null || _PARENT_DIRECTORY$exe === void 0 ? void 0 : _PARENT_DIRECTORY$exe[0];
  const parts = splitPattern(result);
  if (parentDir) {
    const n = (parentDir.length + 1) / 3;
    let i = 0;
    const cwdParts = escapedCwd.split("/");
    while (i < n && parts[i + n] === cwdParts[cwdParts.length + i - n]) {
      result = result.slice(0, (n - i - 1) * 3) + result.slice((n - i) * 3 + parts[i + n].length + 1) || ".";
      i++;
    }
    const potentialRoot = posix.join(cwd, parentDir.slice(i * 3));
    if (potentialRoot[0] !== "." && props.root.length > potentialRoot.length) {
      props.root = ensureNonDriveRelativePath(potentialRoot);
      props.depthOffset = -n + i;
    }
  }
  if (!isIgnore && props.depthOffset >= 0) {
    var _props$commonPath;
    (_props$commonPath = props.commonPath) !== null && _props$commonPath !== void 0 || (props.commonPath = parts);
    const newCommonPath = [];
    const length = Math.min(props.commonPath.length, parts.length);
    for (let i = 0; i < length; i++) {
      const part = parts[i];
      if (part === "**" && !parts[i + 1]) {
        newCommonPath.pop();
        break;
      }
      if (i === parts.length - 1 || part !== props.commonPath[i] || isDynamicPattern(part)) break;
      newCommonPath.push(part);
    }
    props.depthOffset = newCommonPath.length;
    props.commonPath = newCommonPath;
    props.root = ensureNonDriveRelativePath(newCommonPath.length > 0 ? posix.join(cwd, ...newCommonPath) : cwd);
  }
  return result;
}
function processPatterns(options, patterns, props) {
  const matchPatterns = [];
  const ignorePatterns = [];
  for (const pattern of options.ignore) {
    if (!pattern) continue;
    if (pattern[0] !== "!" || pattern[1] === "(") ignorePatterns.push(normalizePattern(pattern, options, props, true));
  }
  for (const pattern of patterns) {
    if (!pattern) continue;
    if (pattern[0] !== "!" || pattern[1] === "(") matchPatterns.push(normalizePattern(pattern, options, props, false));
    else if (pattern[1] !== "!" || pattern[2] === "(") ignorePatterns.push(normalizePattern(pattern.slice(1), options, props, true));
  }
  return {
    match: matchPatterns,
    ignore: ignorePatterns
  };
}
function buildCrawler(options, patterns) {
  const cwd = options.cwd;
  const props = {
    root: cwd,
    depthOffset: 0
  };
  const processed = processPatterns(options, patterns, props);
  if (options.debug) log("internal processing patterns:", processed);
  const { absolute, caseSensitiveMatch, debug, dot, followSymbolicLinks, onlyDirectories } = options;
  const root = props.root.replace(BACKSLASHES, "");
  const matchOptions = {
    dot,
    nobrace: options.braceExpansion === false,
    nocase: !caseSensitiveMatch,
    noextglob: options.extglob === false,
    noglobstar: options.globstar === false,
    posix: true
  };
  const matcher = (0, import_picomatch.default)(processed.match, matchOptions);
  const ignore = (0, import_picomatch.default)(processed.ignore, matchOptions);
  const partialMatcher = getPartialMatcher(processed.match, matchOptions);
  const format = buildFormat(cwd, root, absolute);
  const excludeFormatter = absolute ? format : buildFormat(cwd, root, true);
  const excludePredicate = (_, p) => {
    const relativePath2 = excludeFormatter(p, true);
    return relativePath2 !== "." && !partialMatcher(relativePath2) || ignore(relativePath2);
  };
  let maxDepth;
  if (options.deep !== void 0) maxDepth = Math.round(options.deep - props.depthOffset);
  const crawler = new Builder({
    filters: [debug ? (p, isDirectory) => {
      const path = format(p, isDirectory);
      const matches = matcher(path) && !ignore(path);
      if (matches) log(`matched ${path}`);
      return matches;
    } : (p, isDirectory) => {
      const path = format(p, isDirectory);
      return matcher(path) && !ignore(path);
    }],
    exclude: debug ? (_, p) => {
      const skipped = excludePredicate(_, p);
      log(`${skipped ? "skipped" : "crawling"} ${p}`);
      return skipped;
    } : excludePredicate,
    fs: options.fs,
    pathSeparator: "/",
    relativePaths: !absolute,
    resolvePaths: absolute,
    includeBasePath: absolute,
    resolveSymlinks: followSymbolicLinks,
    excludeSymlinks: !followSymbolicLinks,
    excludeFiles: onlyDirectories,
    includeDirs: onlyDirectories || !options.onlyFiles,
    maxDepth,
    signal: options.signal
  }).crawl(root);
  if (options.debug) log("internal properties:", {
    ...props,
    root
  });
  return [crawler, cwd !== root && !absolute && buildRelative(cwd, root)];
}
function formatPaths(paths, mapper) {
  if (mapper) for (let i = paths.length - 1; i >= 0; i--) paths[i] = mapper(paths[i]);
  return paths;
}
var defaultOptions = {
  caseSensitiveMatch: true,
  debug: !!process.env.TINYGLOBBY_DEBUG,
  expandDirectories: true,
  followSymbolicLinks: true,
  onlyFiles: true
};
function getOptions(options) {
  const opts = Object.assign({}, options);
  for (const key in defaultOptions) if (opts[key] === void 0) Object.assign(opts, { [key]: defaultOptions[key] });
  opts.cwd = (opts.cwd instanceof URL ? fileURLToPath4(opts.cwd) : resolve5(opts.cwd || process.cwd())).replace(BACKSLASHES, "/");
  opts.ignore = ensureStringArray(opts.ignore);
  opts.fs && (opts.fs = {
    readdir: opts.fs.readdir || readdir,
    readdirSync: opts.fs.readdirSync || readdirSync,
    realpath: opts.fs.realpath || realpath,
    realpathSync: opts.fs.realpathSync || realpathSync,
    stat: opts.fs.stat || stat,
    statSync: opts.fs.statSync || statSync3
  });
  if (opts.debug) log("globbing with options:", opts);
  return opts;
}
function getCrawler(globInput, inputOptions = {}) {
  var _ref;
  if (globInput && (inputOptions === null || inputOptions === void 0 ? void 0 : inputOptions.patterns)) throw new Error("Cannot pass patterns as both an argument and an option");
  const isModern = isReadonlyArray(globInput) || typeof globInput === "string";
  const patterns = ensureStringArray((_ref = isModern ? globInput : globInput.patterns) !== null && _ref !== void 0 ? _ref : "**/*");
  const options = getOptions(isModern ? inputOptions : globInput);
  return patterns.length > 0 ? buildCrawler(options, patterns) : [];
}
async function glob(globInput, options) {
  const [crawler, relative5] = getCrawler(globInput, options);
  return crawler ? formatPaths(await crawler.withPromise(), relative5) : [];
}

// src/measure/workloads.ts
var isInside = (root, path) => {
  const rel = relative3(root, path);
  return rel === "" || !rel.startsWith("..") && !isAbsolute3(rel);
};
async function resolveWorkloads(patterns, cwd, options = {}) {
  const root = resolve6(cwd);
  if (patterns.length === 0)
    throw new UsageError(
      'no workloads given: expected at least one path or glob, e.g. bench/leak.mjs or "perf/**/*.mjs"'
    );
  const found = /* @__PURE__ */ new Set();
  for (const raw of patterns) {
    const pattern = raw.trim();
    if (pattern === "") continue;
    if (!isDynamicPattern(pattern)) {
      const path = resolve6(root, pattern);
      if (!options.outside && !isInside(root, path))
        throw new UsageError(`workload "${pattern}" is outside the working directory ${root}`);
      if (existsSync4(path) && statSync4(path).isDirectory())
        throw new UsageError(
          `workload "${pattern}" is a directory: expected a module file or a glob such as "${pattern.replace(/\/$/, "")}/*.mjs"`
        );
      found.add(path);
      continue;
    }
    if (!options.outside && (isAbsolute3(pattern) || pattern.split(/[\\/]/).includes(".."))) {
      throw new UsageError(
        `workload pattern "${pattern}" reaches outside the working directory ${root}: use a pattern relative to it`
      );
    }
    const matches = (await glob(pattern, { cwd: root, absolute: true, onlyFiles: true, ignore: ["**/node_modules/**", "**/.git/**"] })).filter((file) => runtimeFor(file) !== null).sort();
    if (matches.length === 0)
      throw new UsageError(
        `workload pattern "${pattern}" matched no workload files (${WORKLOAD_EXTENSIONS.join(" ")}) under ${root}`
      );
    for (const match of matches) found.add(match);
  }
  if (found.size === 0) throw new UsageError("no workloads given: expected at least one path or glob");
  return [...found];
}

// src/report/retainer-rows.ts
function reportRetainers(paths, toReportPath) {
  return paths.map((p) => ({
    bytes: p.bytes,
    objects: p.objects,
    path: p.path.map((step) => ({ ...step, ...step.file !== void 0 ? { file: toReportPath(step.file) } : {} }))
  }));
}
var PATHS_PER_ROW = 5;
function rowRetainers(rows, capture, byFile, toReportPath) {
  const sites = (capture.sites ?? []).map((site) => ({ ...site, file: toReportPath(site.file) }));
  return rows.map((row) => {
    const merged = /* @__PURE__ */ new Map();
    for (const site of sites) {
      if (site.file !== row.file || !byFile && (site.line !== row.line || site.function !== row.function)) continue;
      for (const path of reportRetainers(site.paths, toReportPath)) {
        const key = JSON.stringify(path.path);
        const seen = merged.get(key);
        if (seen) merged.set(key, { ...seen, bytes: seen.bytes + path.bytes, objects: seen.objects + path.objects });
        else merged.set(key, path);
      }
    }
    return [...merged.values()].sort((a, b) => b.bytes - a.bytes || b.objects - a.objects).slice(0, PATHS_PER_ROW);
  });
}

// src/report/format.ts
function formatBytes2(n, opts = {}) {
  return Number.isFinite(n) ? formatBytes(n, { signed: opts.sign === true }) : "n/a";
}
function formatCount(n, opts = {}) {
  if (!Number.isFinite(n)) return "n/a";
  const rounded = Math.round(n);
  const digits = String(Math.abs(rounded)).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  if (rounded < 0) return `-${digits}`;
  return opts.sign && rounded > 0 ? `+${digits}` : digits;
}
function formatPercent(fraction, opts = {}) {
  if (!Number.isFinite(fraction)) return "n/a";
  const pct = fraction * 100;
  const abs = Math.abs(pct);
  const sign = pct < 0 ? "-" : opts.sign && pct > 0 ? "+" : "";
  if (abs > 0 && abs < 0.05) return `${sign}<0.1%`;
  return `${sign}${trimZero(abs.toFixed(1))}%`;
}
function trimZero(text) {
  return text.endsWith(".0") ? text.slice(0, -2) : text;
}
function formatChange(n) {
  return n === null || n === void 0 ? "\u2014" : formatBytes2(n, { sign: true });
}
function formatAge(then, now) {
  const t = Date.parse(then);
  if (!Number.isFinite(t) || !Number.isFinite(now.getTime())) return null;
  const seconds = Math.round((now.getTime() - t) / 1e3);
  if (seconds < 0) return "in the future (clock skew)";
  if (seconds < 60) return "just now";
  const units = [
    [60 * 60 * 24 * 365, "year"],
    [60 * 60 * 24 * 30, "month"],
    [60 * 60 * 24, "day"],
    [60 * 60, "hour"],
    [60, "minute"]
  ];
  for (const [size, name] of units) {
    const n = Math.floor(seconds / size);
    if (n >= 1) return `${n} ${name}${n === 1 ? "" : "s"} ago`;
  }
  return "just now";
}
function formatSampling(interval) {
  return interval === null ? "every allocation (exact)" : `one sample per ${formatBytes2(interval)} allocated`;
}
function splitCallPath(t, groupBy) {
  const at = t.traceback.findIndex(
    (f) => f.file === t.file && (groupBy === "file" || f.line === t.line && f.function === t.function)
  );
  if (at < 0) return { inside: [], site: null, callers: t.traceback };
  return { inside: t.traceback.slice(0, at), site: t.traceback[at], callers: t.traceback.slice(at + 1) };
}
function elideInside(frames, max) {
  if (frames.length <= max) return { first: frames, skipped: 0, last: [] };
  if (max <= 1) return { first: frames.slice(0, 1), skipped: frames.length - 1, last: [] };
  return { first: frames.slice(0, max - 1), skipped: frames.length - max, last: frames.slice(-1) };
}
function showsFunction(groupBy) {
  return groupBy !== "file";
}
function siteNoun(groupBy, plural2 = true) {
  const noun = groupBy === "file" ? "file" : groupBy === "traceback" ? "call path" : "line";
  return plural2 ? `${noun}s` : noun;
}
var FAILURE = {
  "not-found": "was not found",
  load: "could not be loaded",
  "no-export": "has nothing memgate can run",
  threw: "threw",
  timeout: "timed out",
  oom: "ran out of memory",
  exit: "ended its own process",
  runtime: "could not start: its runtime or profiler is unavailable",
  probe: "stopped because memgate's probe failed"
};
var PHASE = {
  load: "while loading",
  setup: "in setup()",
  pass1: "in the warm-up pass",
  baseline: "while memgate took the baseline",
  pass2: "in the measured pass",
  after: "while memgate read the end of the measured pass",
  confirm: "in the extra iterations that confirm growth",
  retainers: "while memgate looked for what holds the growth",
  teardown: "in teardown()"
};
var BAD_OPTION = /(?:^|: )options(?:\.\w+|\[["']\w+["']\])(?::| must)/;
function describeFailure(e) {
  const implied = e.phase === "load" && (e.kind === "load" || e.kind === "no-export" || e.kind === "not-found");
  const phase = e.phase && !implied ? PHASE[e.phase] ?? `during ${e.phase}` : "";
  const at = e.iteration !== void 0 ? `at iteration ${e.iteration}` : "";
  const what = e.kind === "no-export" && e.message !== void 0 && BAD_OPTION.test(e.message) ? "has an invalid option" : FAILURE[e.kind] ?? `failed (${e.kind})`;
  return [what, [phase, at].filter(Boolean).join(", ")].filter(Boolean).join(" ");
}
function describeLastMemory(w, m) {
  if (w.runtime.name === "python") return `traced ${formatBytes2(m.heapUsed)}, RSS ${formatBytes2(m.rss)}`;
  return `heap ${formatBytes2(m.heapUsed)}, external ${formatBytes2(m.external)}, RSS ${formatBytes2(m.rss)}`;
}
function describeRuntime(r) {
  return [r.name, r.version, r.engine ? `(V8 ${r.engine})` : ""].filter(Boolean).join(" ") + (r.loader ? ` \xB7 ${r.loader}` : "");
}
function headlineText(report2, comparison) {
  const status = overallStatus(report2, comparison);
  if (status === "error") {
    const n = report2.workloads.filter((w) => workloadStatus(w, findComparison(comparison, w.path)) === "error").length;
    return n === 1 ? "a workload could not be measured" : `${n || "some"} workloads could not be measured`;
  }
  if (status === "fail") return joinPhrases(failurePhrases(report2, comparison)) || "the memory gate failed";
  if (comparison) return "no memory regression against the base";
  return passPhrase(report2) || "nothing grew";
}
function failurePhrases(report2, comparison) {
  let regressed = comparison?.regressed === true;
  let grows = false;
  const over = /* @__PURE__ */ new Set();
  for (const w of report2.workloads) {
    if (findComparison(comparison, w.path)?.regressed) regressed = true;
    if (w.error || w.verdict.status !== "fail") continue;
    const exceeded = ceilingsShown(report2, w).filter((c) => !c.passed);
    for (const c of exceeded) over.add(c.flag);
    if (w.verdict.reasons.length > exceeded.length || exceeded.length === 0) grows = true;
  }
  return [
    ...regressed ? ["memory regression against the base"] : [],
    ...grows ? ["retained memory keeps growing"] : [],
    ...CEILING_PHRASES.filter(([flag]) => over.has(flag)).map(([, phrase]) => phrase)
  ];
}
function passPhrase(report2) {
  let rule = false;
  const within = /* @__PURE__ */ new Set();
  for (const w of report2.workloads) {
    if (w.error || w.verdict.status === "error") continue;
    const ceilings = ceilingsShown(report2, w).filter((c) => c.limit !== null);
    if (!ceilings.some((c) => c.flag === "max-retained")) rule = true;
    for (const c of ceilings) within.add(c.flag);
  }
  const flags = joinPhrases(
    CEILING_PHRASES.map(([flag]) => flag).filter((flag) => within.has(flag)),
    " and "
  );
  if (rule) return flags ? `memory does not keep growing and stays within ${flags}` : "memory does not keep growing";
  return flags ? `memory stays within ${flags}` : "";
}
var CEILING_PHRASES = [
  ["max-retained", "retained memory over max-retained"],
  ["max-heap", "heap over max-heap"],
  ["max-rss", "peak RSS over max-rss"]
];
function joinPhrases(parts, last = ", and ") {
  if (parts.length <= 1) return parts[0] ?? "";
  return `${parts.slice(0, -1).join(", ")}${last}${parts.at(-1)}`;
}
function workloadStatus(w, cmp) {
  if (w.error || w.verdict.status === "error") return "error";
  if (w.verdict.status === "fail" || cmp?.regressed) return "fail";
  return "pass";
}
function overallStatus(report2, comparison) {
  const statuses = report2.workloads.map((w) => workloadStatus(w, findComparison(comparison, w.path)));
  statuses.push(report2.verdict.status);
  if (statuses.includes("fail") || comparison?.regressed) return "fail";
  if (statuses.includes("error")) return "error";
  return "pass";
}
function findComparison(comparison, path) {
  return comparison?.workloads.find((c) => c.path === path);
}
function countLine(report2, comparison) {
  const counts = { regressed: 0, fail: 0, error: 0, pass: 0 };
  for (const w of report2.workloads) {
    const cmp = findComparison(comparison, w.path);
    const status = workloadStatus(w, cmp);
    counts[status === "fail" && cmp?.regressed ? "regressed" : status] += 1;
  }
  const n = report2.workloads.length;
  const parts = [];
  if (counts.regressed) parts.push(`${counts.regressed} regressed`);
  if (counts.fail) parts.push(`${counts.fail} failed`);
  if (counts.error) parts.push(`${counts.error} could not be measured`);
  if (counts.pass) parts.push(`${counts.pass} passed`);
  return `${n} workload${n === 1 ? "" : "s"}${parts.length ? `: ${parts.join(", ")}` : ""}`;
}
function describeLeakRate(w) {
  const leak = w.leak;
  if (!leak) return null;
  const per = (n) => `${formatBytes2(n)}/iteration`;
  const threshold = `threshold ${per(leak.threshold)}`;
  if (leak.verdict === "not-suspect" || leak.rate === null) {
    return {
      rate: leak.measuredRate,
      phrase: `per iteration over the measured pass: too little growth to be suspect (${threshold})`
    };
  }
  const word = { settles: "settles", leak: "a leak", "still-growing": "still growing, though slowing" }[leak.verdict];
  const uncertainty = leak.uncertainty === null ? "" : ` (\xB1${formatBytes2(leak.uncertainty)})`;
  return {
    rate: leak.rate,
    phrase: `per iteration${uncertainty} over ${formatCount(leak.extraIterations)} extra iterations: ${word} (${threshold}; measured pass ${per(leak.measuredRate)})`
  };
}
function sitesWindow(w) {
  const extra = w.leak ? w.leak.sitesCover - w.iterations : 0;
  return extra > 0 ? `since the baseline, incl. ${formatCount(extra)} confirmation iterations` : null;
}
var KIND_WORDS = {
  global: "global",
  "module-scope variable": "module scope",
  "closure variable": "closure",
  "class attribute": "class attribute",
  property: "property",
  element: "element",
  "map entry": "Map entry",
  "set entry": "Set entry",
  "listener list": "listeners",
  "timer list": "timers",
  "promise reactions": "promise reactions",
  internal: "internal"
};
function retainerStepParts(step) {
  return {
    name: step.name,
    kind: KIND_WORDS[step.kind],
    ...step.file !== void 0 ? { file: step.file } : {},
    ...step.line !== void 0 ? { line: step.line } : {}
  };
}
function retainerPathText(path) {
  return path.path.map((step) => {
    const { name, kind, file, line } = retainerStepParts(step);
    return `${name} (${kind}${file !== void 0 ? `, ${file}${line ? `:${line}` : ""}` : ""})`;
  }).join(RETAINER_ARROW);
}
function retainedByPath(path) {
  return `${formatBytes2(path.bytes)} in ${formatCount(path.objects)} object${path.objects === 1 ? "" : "s"}`;
}
var RETAINER_ARROW = " \u2192 ";
function retainersNote(w, status) {
  const r = w.retainers;
  if (!r || status !== "fail") return null;
  if (r.status === "skipped") return `who holds the growth: not looked for \u2014 ${r.reason ?? "skipped"}`;
  if (r.status === "failed") return `who holds the growth: the capture failed \u2014 ${r.reason ?? "no reason given"}`;
  if (r.reason) return `who holds the growth: ${r.reason}`;
  if (r.truncated) return "who holds the growth: the walk reached its time limit; the paths cover part of the heap";
  return null;
}
var quoted = (patterns) => patterns.map((p) => `'${p}'`).join(", ");
function filterNote(settings, w) {
  const f = w.filter;
  if (!f || f.growingSites === 0 || f.keptSites >= f.growingSites) return null;
  const { include, exclude } = settings;
  const what = include.length > 0 && exclude.length > 0 ? `include ${quoted(include)} with exclude ${quoted(exclude)}` : include.length > 0 ? `include ${quoted(include)}` : `exclude ${quoted(exclude)}`;
  const verb = exclude.length === 0 ? "matched" : "left";
  const all = `${formatCount(f.growingSites)} growing ${siteNoun(settings.groupBy, f.growingSites !== 1)}`;
  const counted = f.growingSites === 1 ? "the verdict counts it" : "the verdict counts all of them";
  if (f.keptSites === 0) return `${what} ${verb} none of ${all} (${formatBytes2(f.growingBytes)}); ${counted}`;
  return `${what} ${verb} ${formatCount(f.keptSites)} of ${all} (${formatBytes2(f.keptBytes)} of ${formatBytes2(f.growingBytes)}); ${counted}`;
}
var CEILINGS_SHOWN = [
  ["maxRetained", "max-retained", (w) => w.retained.total],
  ["maxHeap", "max-heap", (w) => w.memory.after.heapUsed],
  ["maxRss", "max-rss", (w) => w.memory.peakRss]
];
function ceilingsShown(report2, w) {
  const own = w.ceilings;
  const out = [];
  for (const [name, flag, measure] of CEILINGS_SHOWN) {
    const fromWorkload = own?.fromWorkload.includes(name) ?? false;
    const limit = own ? own[name] : report2.settings.ceilings[name];
    if (limit === null && !fromWorkload) continue;
    const measured = measure(w);
    out.push({ flag, limit, measured, passed: limit === null || measured <= limit, fromWorkload });
  }
  return out;
}
function describeCeiling(c) {
  const source = c.fromWorkload ? " (the workload's options)" : "";
  if (c.limit === null) return `${c.flag} off${source}`;
  const measured = c.flag === "max-retained" ? formatChange(c.measured) : formatBytes2(c.measured);
  return `${c.flag} ${formatBytes2(c.limit)}${source}: ${measured}, ${c.passed ? "passed" : "exceeded"}`;
}

// src/pipeline.ts
var leakRateOf = (options) => options.leakRate ?? DEFAULTS.leakRate;
var confirms = (options) => options.ceilings.maxRetained === null && (options.confirmBudgetSeconds ?? DEFAULTS.confirmBudgetSeconds) > 0;
var toPosix2 = (path) => path.split(sep3).join("/");
var fileSafe = (path) => path.replace(/[^A-Za-z0-9._-]+/g, "_");
function analyseTrial(result, options) {
  const baseline = result.profiler.continuous ? result.baseline.snapshot : { allocations: [] };
  const diffOptions = {
    groupBy: options.groupBy,
    cwd: options.cwd,
    include: options.include,
    exclude: options.exclude,
    runtimePaths: result.runtime.libraryPaths ?? []
  };
  const diff = diffSnapshots(result.confirmation?.snapshot ?? result.after.snapshot, baseline, diffOptions);
  const heap = result.after.memory.heapUsed - result.baseline.memory.heapUsed;
  const external = result.after.memory.external - result.baseline.memory.external;
  const filter = filterStats(result, diff, baseline, diffOptions);
  return {
    result,
    ...filter ? { filter } : {},
    diff,
    gateSites: gateSitesOf(result, baseline, diff, options),
    retained: { heap, external, total: heap + external },
    confirmation: judged(result, leakRateOf(options))
  };
}
var growing = (sites) => {
  const grown = sites.filter((s) => s.sizeDiff > 0);
  return { sites: grown.length, bytes: grown.reduce((sum, s) => sum + s.sizeDiff, 0) };
};
function filterStats(result, diff, baseline, diffOptions) {
  if (diffOptions.include.length === 0 && diffOptions.exclude.length === 0) return void 0;
  const kept = growing(diff);
  let all;
  if (runtimeNamed(result.runtime.name).groupsInProbe) {
    const dropped = result.filtered ?? { sites: 0, bytes: 0 };
    all = { sites: kept.sites + dropped.sites, bytes: kept.bytes + dropped.bytes };
  } else {
    all = growing(
      diffSnapshots(result.confirmation?.snapshot ?? result.after.snapshot, baseline, {
        ...diffOptions,
        include: [],
        exclude: []
      })
    );
  }
  return {
    growingSites: Math.max(all.sites, kept.sites),
    growingBytes: Math.max(all.bytes, kept.bytes),
    keptSites: kept.sites,
    keptBytes: kept.bytes
  };
}
function judged(result, leakRate2) {
  const c = result.confirmation;
  if (!c) return null;
  return judgeConfirmation(
    result.series.map(ratePoint),
    c.readings.map(ratePoint),
    c.segmentEnds,
    leakRate2,
    c.stoppedBy
  );
}
function leakReport(trial, options) {
  const { result, confirmation } = trial;
  const measuredRate = rateOf2(result.series.map(ratePoint)).rate;
  const sitesCover = result.confirmation?.snapshot ? result.confirmation.segmentEnds.at(-1) ?? result.iterations : result.iterations;
  const base = { threshold: leakRateOf(options), measuredRate, extraMs: result.timings.confirmMs ?? 0, sitesCover };
  if (!confirmation)
    return {
      ...base,
      verdict: "not-suspect",
      rate: null,
      uncertainty: null,
      extraIterations: 0,
      segments: [],
      stop: null
    };
  const verdict = !confirmation.leak ? "settles" : confirmation.stop === "holds" ? "leak" : "still-growing";
  return {
    ...base,
    verdict,
    measuredRate: confirmation.measuredRate,
    rate: confirmation.rate,
    uncertainty: confirmation.uncertainty,
    extraIterations: confirmation.extraIterations,
    segments: confirmation.segments.map(({ from, to, rate, outcome }) => ({ from, to, rate, outcome })),
    stop: confirmation.stop
  };
}
function gateSitesOf(result, baseline, diff, options) {
  const unfiltered = options.include.length === 0 && options.exclude.length === 0;
  if (runtimeNamed(result.runtime.name).groupsInProbe) return options.groupBy === "line" ? diff : [];
  if (options.groupBy === "line" && unfiltered) return diff;
  return diffSnapshots(result.after.snapshot, baseline, {
    groupBy: "line",
    cwd: options.cwd,
    include: [],
    exclude: [],
    runtimePaths: result.runtime.libraryPaths ?? []
  });
}
function medianTrial(trials) {
  const sorted = [...trials].sort((a, b) => a.retained.total - b.retained.total);
  return sorted[Math.floor((sorted.length - 1) / 2)];
}
function errorReport(path, error, options) {
  const zero = { heapUsed: 0, heapTotal: 0, external: 0, arrayBuffers: 0, rss: 0 };
  return {
    path,
    // The probe failed before it could say: the runtime's descriptor says what it would have.
    ...describeProfiler(path, options),
    iterations: options.iterations ?? 0,
    trials: 1,
    memory: { baseline: zero, after: error.lastMemory ?? zero, peakRss: error.lastMemory?.rss ?? 0 },
    retained: { heap: 0, external: 0, total: 0 },
    spread: 0,
    leakRate: { bytesPerIteration: 0, r2: 0 },
    series: [],
    verdict: { status: "error", reasons: [describeError(error)] },
    error,
    top: [],
    totalSites: 0
  };
}
function describeError(error) {
  return `workload ${describeFailure(error)}: ${error.message}`;
}
async function measureOne(file, path, index, total, profileName, options) {
  const trials = [];
  const profileBase = join4(options.outDir, "profiles", profileName);
  for (let trial = 1; trial <= options.trials; trial++) {
    const label = `[${index + 1}/${total}] ${path}${options.trials > 1 ? ` trial ${trial}/${options.trials}` : ""}`;
    const profileOut = `${profileBase}.trial-${trial}`;
    const outcome = await measureWorkload({
      workload: file,
      cwd: options.cwd,
      iterations: options.iterations,
      profiler: options.profiler,
      samplingInterval: options.samplingInterval,
      stackDepth: options.stackDepth,
      timeoutSeconds: options.timeoutSeconds,
      include: options.include,
      exclude: options.exclude,
      groupBy: options.groupBy,
      nodePath: options.nodePath,
      pythonPath: options.pythonPath,
      ...options.inlining ? { inlining: true } : {},
      ...options.gcRounds !== void 0 ? { gcRounds: options.gcRounds } : {},
      ...confirms(options) ? {
        confirm: {
          leakRate: leakRateOf(options),
          budgetSeconds: options.confirmBudgetSeconds ?? DEFAULTS.confirmBudgetSeconds,
          ...options.checkpointHeapLimit !== void 0 ? { checkpointHeapLimit: options.checkpointHeapLimit } : {}
        }
      } : {},
      // One capture per workload is enough: once a trial has its paths, the next trials skip it.
      ...retainersMaxHeapOf(options) > 0 && !trials.some((t) => t.result.retainers?.status === "captured") ? {
        retainers: {
          maxHeap: retainersMaxHeapOf(options),
          timeoutSeconds: DEFAULTS.retainersTimeoutSeconds,
          sites: options.top,
          ceilings: options.ceilings
        }
      } : {},
      profileOut,
      onProgress: options.onProgress && ((message) => options.onProgress?.(`${label}: ${message}`))
    });
    if (!outcome.ok) {
      for (const file2 of [profileOut, ...trials.map((t) => t.profile)]) if (file2) rmSync(file2, { force: true });
      const hint = outcome.error.kind === "no-export" ? noExportHint(path, options) : null;
      const error = hint ? { ...outcome.error, message: `${outcome.error.message}. ${hint}` } : outcome.error;
      return { report: errorReport(path, error, options) };
    }
    trials.push({
      ...analyseTrial(outcome.result, options),
      ...outcome.profilePath ? { profile: outcome.profilePath } : {}
    });
  }
  const chosen = medianTrial(trials);
  let profile;
  for (const t of trials) {
    if (!t.profile) continue;
    if (t !== chosen) rmSync(t.profile, { force: true });
    else renameSync(t.profile, profile = profileBase);
  }
  const { result, diff, retained } = chosen;
  const totals = trials.map((t) => t.retained.total);
  const { top, section } = withRetainers(
    trials,
    chosen,
    diff.filter((site) => site.sizeDiff > 0).slice(0, options.top),
    options
  );
  const { ceilings, fromWorkload } = workloadCeilings(options.ceilings, result.workloadCeilings);
  const rated = confirms(options) && ceilings.maxRetained === null;
  const leak = rated ? leakReport(chosen, options) : void 0;
  const verdict = gateWorkload(
    {
      retained,
      heapAfter: result.after.memory.heapUsed,
      peakRss: result.peakRss,
      series: result.series,
      iterations: result.iterations,
      samplingInterval: result.profiler.samplingInterval,
      sites: chosen.gateSites,
      trialTotals: totals,
      ...rated ? {
        rate: {
          leakRate: leakRateOf(options),
          trials: trials.map((t) => t.confirmation),
          chosen: chosen.confirmation
        }
      } : {}
    },
    ceilings,
    fromWorkload
  );
  const hints = workloadHints({
    iterations: result.iterations,
    retained: retained.total,
    series: result.series.map(ratePoint),
    leak,
    pendingPromises: result.pendingPromises,
    confirmation: result.confirmation?.readings.map(ratePoint),
    top,
    // tracemalloc's depth as the probe asked for it (clamped to what tracemalloc takes) against what pass 2 ran at.
    ...result.profiler.backend === "tracemalloc" ? {
      stackDepth: {
        configured: runtimeNamed(result.runtime.name).profiler(options).stackDepth,
        recorded: result.profiler.stackDepth
      }
    } : {}
  });
  const showCeilings = fromWorkload.length > 0 || Object.values(options.ceilings).some((c) => c !== null);
  const report2 = {
    path,
    runtime: {
      name: result.runtime.name,
      version: result.runtime.version,
      ...result.runtime.engine ? { engine: result.runtime.engine } : {},
      ...result.runtime.loader ? { loader: result.runtime.loader } : {}
    },
    profiler: result.profiler,
    iterations: result.iterations,
    trials: trials.length,
    memory: {
      baseline: result.baseline.memory,
      after: result.after.memory,
      // The median trial's, like every figure here and like what max-rss was gated on.
      peakRss: result.peakRss,
      ...result.traced ? { traced: result.traced } : {}
    },
    retained,
    spread: spread(totals),
    leakRate: leakRate(result.series),
    series: result.series,
    verdict,
    top,
    totalSites: diff.length,
    ...profile ? { profile: toPosix2(relative4(options.outDir, profile)) } : {},
    ...leak ? { leak } : {},
    timings: result.timings,
    retainers: section,
    ...showCeilings ? { ceilings: { ...ceilings, fromWorkload } } : {},
    ...chosen.filter ? { filter: chosen.filter } : {},
    ...hints.length > 0 ? { hints } : {}
  };
  return { report: report2, ...profile ? { profile } : {} };
}
var retainersMaxHeapOf = (options) => options.retainersMaxHeap ?? DEFAULTS.retainersMaxHeap;
function withRetainers(trials, chosen, rows, options) {
  const capture = [chosen, ...trials].find((t) => t.result.retainers?.status === "captured")?.result.retainers ?? chosen.result.retainers;
  if (!capture) {
    const reason2 = retainersMaxHeapOf(options) === 0 ? "turned off (retainers-max-heap 0)" : "not needed: the workload did not leak (not suspect to the leak rule, or its growth settled) and was under every ceiling";
    return { top: rows, section: { status: "skipped", reason: reason2 } };
  }
  const { status, reason, truncated, ms, heapUsed } = capture;
  const section = {
    status,
    ...reason !== void 0 ? { reason } : {},
    ...truncated ? { truncated } : {},
    ...ms !== void 0 ? { ms } : {},
    ...heapUsed !== void 0 ? { heapUsed } : {}
  };
  if (status !== "captured") return { top: rows, section };
  const paths = rowRetainers(
    rows,
    capture,
    options.groupBy === "file",
    (file) => toPosix2(relativePath(file, options.cwd))
  );
  const top = rows.map((row, index) => paths[index].length > 0 ? { ...row, retainers: paths[index] } : row);
  if (!top.some((row) => row.retainers))
    section.reason = "no path from a root reached the growing sites\u2019 objects (held only from a stack or by the runtime itself, or freed since)";
  return { top, section };
}
function overallVerdict(workloads) {
  const reasons = workloads.flatMap((w) => w.verdict.reasons.map((reason) => `${w.path}: ${reason}`));
  const status = workloads.some((w) => w.verdict.status === "fail") ? "fail" : workloads.some((w) => w.verdict.status === "error") ? "error" : "pass";
  return { status, reasons };
}
async function runPipeline(options) {
  const files = await resolveWorkloads(options.patterns, options.cwd, {
    outside: options.workloadsOutsideCwd === true
  });
  for (const warning of expandedFilterValues(options)) options.onProgress?.(`warning: ${warning}`);
  try {
    mkdirSync2(options.outDir, { recursive: true });
  } catch (err) {
    throw new UsageError(
      `cannot write the report to ${options.outDir}: ${err.code ?? err.message}; choose a writable directory (--out-dir)`,
      { cause: err }
    );
  }
  const workloads = [];
  const profiles = [];
  const profileNames = /* @__PURE__ */ new Set();
  for (const [index, file] of files.entries()) {
    const path = relativePath(file, options.cwd);
    const flat = fileSafe(path);
    let profileName = `${flat}.heapprofile`;
    for (let n = 2; profileNames.has(profileName); n++) profileName = `${flat}-${n}.heapprofile`;
    profileNames.add(profileName);
    const { report: report3, profile } = await measureOne(file, path, index, files.length, profileName, options);
    workloads.push(report3);
    if (profile) profiles.push(profile);
  }
  const report2 = {
    schema: REPORT_SCHEMA,
    tool: { name: "memgate", version: TOOL_VERSION },
    createdAt: (/* @__PURE__ */ new Date()).toISOString(),
    settings: {
      iterations: options.iterations,
      groupBy: options.groupBy,
      top: options.top,
      include: options.include,
      exclude: options.exclude,
      trials: options.trials,
      ceilings: options.ceilings
    },
    workloads,
    verdict: overallVerdict(workloads)
  };
  const reportPath = writeReport(report2, options.outDir);
  return { report: report2, reportPath, profiles };
}
function writeReport(report2, outDir) {
  const reportPath = join4(outDir, "report.json");
  writeFileSync(`${reportPath}.tmp`, `${JSON.stringify(report2, null, 2)}
`);
  renameSync(`${reportPath}.tmp`, reportPath);
  return reportPath;
}

// src/base-policy.ts
function exceedsCeilings(w, ceilings) {
  return ceilings.maxRetained !== null && w.retained.total > ceilings.maxRetained || ceilings.maxHeap !== null && w.memory.after.heapUsed > ceilings.maxHeap || ceilings.maxRss !== null && w.memory.peakRss > ceilings.maxRss;
}
function alreadyOnBase(w, cmp, ceilings) {
  if (w.verdict.status !== "fail" || !cmp || cmp.status !== "compared" || cmp.regressed) return false;
  if (cmp.leak?.status !== "same" || exceedsCeilings(w, ceilings)) return false;
  const leading = w.top[0]?.key;
  return leading !== void 0 && !cmp.newSites.includes(leading);
}
function applyLeakPolicy(report2, comparison, policy, baseLabel) {
  if (policy === "any") return report2;
  const workloads = report2.workloads.map((w) => {
    const cmp = comparison.workloads.find((c) => c.path === w.path);
    if (!alreadyOnBase(w, cmp, w.ceilings ?? report2.settings.ceilings)) return w;
    return {
      ...w,
      verdict: {
        status: "pass",
        reasons: w.verdict.reasons.map((r) => `already on ${baseLabel}, not changed here: ${r}`)
      },
      knownLeak: { base: baseLabel, baseRate: cmp.leak.base, headRate: cmp.leak.head }
    };
  });
  return { ...report2, workloads, verdict: overallVerdict(workloads) };
}

// src/report/escape.ts
var ZWJ = "\u200D";
var CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/g;
var LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
var NEWLINES = /\r\n|[\r\n\u0085\u2028\u2029]/g;
function wellFormed(text) {
  return text.replace(LONE_SURROGATE, "\uFFFD");
}
function truncate(text, max) {
  if (text.length <= max) return text;
  const points = Array.from(text);
  if (points.length <= max) return text;
  return max <= 1 ? "\u2026".slice(0, max) : points.slice(0, max - 1).join("") + "\u2026";
}
function truncateStart(text, max) {
  if (text.length <= max) return text;
  const points = Array.from(text);
  if (points.length <= max) return text;
  return max <= 1 ? "\u2026".slice(0, max) : "\u2026" + points.slice(points.length - (max - 1)).join("");
}
function oneLine(text) {
  return wellFormed(text).replace(NEWLINES, " ").replace(/\t/g, " ").replace(CONTROL, "\uFFFD");
}
function escapeMarkdown(text, max = Infinity) {
  let out = oneLine(Number.isFinite(max) ? truncate(text, max) : text);
  out = out.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  out = out.replace(/[\\`*_~[\]()!|#$]/g, (c) => `\\${c}`);
  out = out.replace(/@/g, `@${ZWJ}`).replace(/#/g, `#${ZWJ}`).replace(/(GH)-(?=\d)/gi, `$1${ZWJ}-`);
  out = out.replace(/:(?=\/\/)/g, `:${ZWJ}`).replace(/(www)\./gi, `$1${ZWJ}.`);
  return out;
}
function longestBacktickRun(text) {
  let longest = 0;
  for (const run of text.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  return longest;
}
function codeBlock(text, lang = "") {
  const body = wellFormed(text).replace(/\r\n?/g, "\n").replace(/\t/g, "    ").replace(CONTROL, "\uFFFD").replace(/<!--/g, `<!${ZWJ}--`);
  const fence = "`".repeat(Math.max(3, longestBacktickRun(body) + 1));
  return `${fence}${lang}
${body.replace(/\n+$/, "")}
${fence}`;
}
function terminalSafe(text, multiline = false) {
  let out = wellFormed(text).replace(/\r\n/g, "\n").replace(/\t/g, "    ");
  if (!multiline) out = out.replace(/\n/g, "\u23CE ");
  return out.replace(CONTROL, (c) => {
    const code = c.codePointAt(0) ?? 0;
    return code <= 255 ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u{${code.toString(16)}}`;
  });
}
function encodeSegment(segment) {
  return encodeURIComponent(wellFormed(segment)).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`
  );
}
function encodePath(path) {
  return path.split("/").map(encodeSegment).join("/");
}
function safeUrl(url) {
  const trimmed = url.trim();
  if (!/^https?:\/\/[^\s/]/i.test(trimmed)) return null;
  return trimmed.replace(/[^A-Za-z0-9\-._~:/?#@!$&+,;=%]/gu, (c) => encodeSegment(c));
}
function isRepoFile(file) {
  if (file === "" || file.startsWith("/") || /^[A-Za-z]:[\\/]/.test(file)) return false;
  if (/^[A-Za-z][A-Za-z0-9+.-]*:/.test(file)) return false;
  if (/[<>\\]/.test(file)) return false;
  const parts = file.split("/");
  return !parts.some((p) => p === ".." || p === "node_modules" || p === "site-packages");
}

// src/report/markdown.ts
var GITHUB_COMMENT_LIMIT = 65536;
var FULL = {
  frames: 64,
  stackLines: 200,
  textCap: 300,
  messageCap: 4e3,
  chart: true,
  measured: true,
  reasons: 50,
  trimmed: false
};
var STAGES = [
  { ...FULL },
  { ...FULL, frames: 8, stackLines: 40, textCap: 160, messageCap: 1e3 },
  { ...FULL, frames: 0, chart: false, stackLines: 20, textCap: 120, messageCap: 600, reasons: 10 },
  { ...FULL, frames: 0, chart: false, measured: false, stackLines: 8, textCap: 80, messageCap: 300, reasons: 5 }
];
var MIN_ROWS_BEFORE_SECTIONS = 5;
function renderMarkdown(report2, options = {}) {
  const max = options.maxLength ?? GITHUB_COMMENT_LIMIT;
  const maxRows = Math.max(0, ...report2.workloads.map((w) => w.top.length));
  const allWorkloads = report2.workloads.length;
  const render = (d) => renderBody(report2, options, { ...d, limit: max });
  const full = render({ ...FULL, rows: maxRows, workloads: allWorkloads });
  if (full.length <= max) return full;
  for (const [i, stage] of STAGES.entries()) {
    const last = i === STAGES.length - 1;
    const floor = last ? 0 : Math.min(MIN_ROWS_BEFORE_SECTIONS, maxRows);
    const at = (rows2) => ({ ...stage, rows: rows2, workloads: allWorkloads, trimmed: true });
    const rows = largestFitting(floor, maxRows, (r) => render(at(r)).length <= max);
    if (rows !== null) return render(at(rows));
  }
  const smallest = STAGES[STAGES.length - 1];
  for (const rows of [Math.min(3, maxRows), 0]) {
    const at = (workloads) => ({ ...smallest, rows, workloads, trimmed: true });
    const n = largestFitting(0, allWorkloads, (w) => render(at(w)).length <= max);
    if (n !== null) return render(at(n));
  }
  return minimalBody(report2, options, max);
}
function largestFitting(lo, hi, fits) {
  if (!fits(lo)) return null;
  if (fits(hi)) return hi;
  let good = lo;
  let bad = hi;
  while (bad - good > 1) {
    const mid = Math.floor((good + bad) / 2);
    if (fits(mid)) good = mid;
    else bad = mid;
  }
  return good;
}
var ICON = { pass: "\u2705", fail: "\u274C", error: "\u26A0\uFE0F" };
function comparisonOf(options) {
  return options.base && "comparison" in options.base ? options.base.comparison : void 0;
}
function headline(report2, options) {
  const status = overallStatus(report2, comparisonOf(options));
  const title = escapeMarkdown(options.title ?? "memgate", 200);
  return `### ${ICON[status]} ${title}: ${escapeMarkdown(headlineText(report2, comparisonOf(options)))}`;
}
function renderBody(report2, options, d) {
  const comparison = comparisonOf(options);
  const blocks = [];
  const top = [];
  if (options.marker) top.push(options.marker);
  top.push(headline(report2, options));
  blocks.push(top.join("\n"));
  blocks.push(escapeMarkdown(countLine(report2, comparison)) + ".");
  const baseLine = renderBaseLine(options);
  if (baseLine) blocks.push(baseLine);
  if (d.trimmed) blocks.push(trimNote(options));
  const ownReasons = new Set(report2.workloads.flatMap((w) => w.verdict.reasons));
  const extra = report2.verdict.reasons.filter((r) => !ownReasons.has(r)).slice(0, d.reasons);
  if (extra.length) blocks.push(extra.map((r) => `- ${escapeMarkdown(r, d.messageCap)}`).join("\n"));
  report2.workloads.forEach((w, i) => {
    const cmp = findComparison(comparison, w.path);
    blocks.push(i < d.workloads ? renderWorkload(report2, w, cmp, options, d) : renderWorkloadLine(w, cmp, d));
  });
  const missing = comparison?.workloads.filter((c) => c.status === "missing") ?? [];
  if (missing.length) {
    const items = missing.slice(0, d.reasons).map((c) => `- ${escapeMarkdown(c.path, d.textCap)}`);
    if (missing.length > items.length) items.push(`- \u2026and ${missing.length - items.length} more`);
    blocks.push(`**In base but not measured in this run:**

${items.join("\n")}`);
  }
  return blocks.join("\n\n") + "\n";
}
function trimNote(options) {
  const url = options.detailsUrl ? safeUrl(options.detailsUrl) : null;
  const run = url ? ` of [this workflow run](${url})` : "";
  const where2 = options.summary ? `the JSON report artifact${run}` : `the job summary${run} and in the JSON report artifact`;
  return `> \u2702\uFE0F This report was trimmed to fit GitHub's size limit \u2014 the full report is in ${where2}.`;
}
function renderBaseLine(options) {
  const base = options.base;
  if (!base) return null;
  if ("missing" in base) {
    return `No baseline yet: judged on this run alone, not against the base (${escapeMarkdown(base.missing, 500)}).`;
  }
  const sha = /^[0-9a-f]{4,64}$/i.test(base.sha) ? `\`${base.sha.slice(0, 7)}\`` : base.sha.trim() === "" ? "an unknown commit" : escapeMarkdown(base.sha, 40);
  const age = formatAge(base.createdAt, options.now ?? /* @__PURE__ */ new Date());
  const run = base.runUrl ? safeUrl(base.runUrl) : null;
  return `Compared with the base branch at ${sha}` + (age ? ` (measured ${age})` : "") + (run ? ` \xB7 [base run](${run})` : "") + ".";
}
function renderWorkloadLine(w, cmp, d) {
  const status = workloadStatus(w, cmp);
  const figure = status === "error" ? "could not be measured" : `retained ${formatChange(w.retained.total)} (heap + external), external growth ${formatChange(w.retained.external)}`;
  return `- ${ICON[status]} ${escapeMarkdown(w.path, d.textCap)}: ${figure} (details trimmed)`;
}
function renderWorkload(report2, w, cmp, options, d) {
  const status = workloadStatus(w, cmp);
  const parts = [`#### ${ICON[status]} ${linkedText(w.path, 0, escapeMarkdown(w.path, d.textCap), options)}`];
  const reasons = status === "error" && w.error ? [] : [...w.verdict.reasons, ...cmp?.reasons ?? []];
  if (reasons.length) {
    const shown = reasons.slice(0, d.reasons).map((r) => `- ${escapeMarkdown(r, d.messageCap)}`);
    if (reasons.length > shown.length) shown.push(`- \u2026and ${reasons.length - shown.length} more`);
    parts.push(shown.join("\n"));
  }
  const hints = (w.hints ?? []).slice(0, d.reasons);
  if (hints.length) parts.push(hints.map((h) => `> \u{1F4A1} ${escapeMarkdown(h, d.messageCap)}`).join("\n>\n"));
  if (status === "error") {
    parts.push(w.error ? renderError(w, d) : NOT_JUDGED);
    return parts.join("\n\n");
  }
  if (cmp?.status === "new" && cmp.reasons.length === 0)
    parts.push("New workload: not in base, so judged on this run alone.");
  if (cmp?.status === "error" && cmp.reasons.length === 0)
    parts.push("Not compared with base: it could not be measured there.");
  parts.push(renderTotals(report2, w, cmp));
  parts.push(renderFootnotes(w));
  parts.push(renderTop(report2, w, cmp, options, d));
  const holders = renderRetainers(w, status, options, d);
  if (holders) parts.push(holders);
  if (d.frames > 0) {
    const paths = renderCallPaths(report2, w, options, d);
    if (paths) parts.push(paths);
  }
  if (d.chart) {
    const chart = renderChart(w, status === "fail");
    if (chart) parts.push(chart);
  }
  if (d.measured) parts.push(renderMeasured(report2, w));
  return parts.join("\n\n");
}
var NOT_JUDGED = "Its memory was not judged: no pass or fail on memory for this workload.";
function renderError(w, d) {
  const e = w.error;
  const lines = [
    `**The workload ${escapeMarkdown(describeFailure(e), 200)}:** ${escapeMarkdown(e.message, d.messageCap)}`,
    NOT_JUDGED
  ];
  const out = [lines.join("\n\n")];
  if (e.lastMemory) {
    out.push(`Last memory seen before the failure: ${describeLastMemory(w, e.lastMemory)}.`);
  }
  if (e.stack && d.stackLines > 0) {
    const all = e.stack.split(/\r\n|\r|\n/);
    const kept = all.slice(0, d.stackLines).map((l) => truncate(l, d.textCap * 2));
    if (all.length > kept.length) kept.push(`\u2026 ${all.length - kept.length} more lines`);
    out.push(codeBlock(kept.join("\n")));
  }
  return out.join("\n\n");
}
function limitCell(head, limits) {
  if (limits.length === 0) return "\u2014";
  return limits.map(
    (l) => l.value === null ? `none (${l.label})` : `${formatBytes2(l.value)} (${l.label})${head > l.value ? " \u274C" : l.ceiling ? " \u2713" : ""}`
  ).join(" \xB7 ");
}
function changeCell(m, percent) {
  const pct = percent && m.base > 0 ? ` (${formatPercent(m.change / m.base, { sign: true })})` : "";
  return `${m.regressed ? "\u274C " : ""}${formatChange(m.change)}${pct}`;
}
function renderTotals(report2, w, cmp) {
  const shown = ceilingsShown(report2, w);
  const withBase = cmp?.status === "compared";
  const limits = (m, flag) => {
    const out = [];
    if (withBase && m && m.limit !== null) out.push({ value: m.limit, label: "vs base" });
    const ceiling = shown.find((c) => c.flag === flag);
    if (ceiling)
      out.push({ value: ceiling.limit, label: ceiling.fromWorkload ? "workload's ceiling" : "ceiling", ceiling: true });
    return out;
  };
  const rows = [
    {
      label: "Retained growth (heap + external)",
      head: formatChange(w.retained.total),
      headValue: w.retained.total,
      metric: cmp?.retained,
      percent: false,
      limits: limits(cmp?.retained, "max-retained")
    },
    {
      label: "External growth",
      head: formatChange(w.retained.external),
      headValue: w.retained.external,
      metric: void 0,
      percent: false,
      limits: []
    },
    {
      label: w.runtime.name === "python" ? "Traced memory after" : "Heap after",
      head: formatBytes2(w.memory.after.heapUsed),
      headValue: w.memory.after.heapUsed,
      metric: cmp?.heapAfter,
      percent: true,
      limits: limits(cmp?.heapAfter, "max-heap")
    },
    {
      label: "Peak RSS",
      head: formatBytes2(w.memory.peakRss),
      headValue: w.memory.peakRss,
      metric: cmp?.peakRss,
      percent: true,
      limits: limits(cmp?.peakRss, "max-rss")
    }
  ];
  if (w.memory.traced) {
    rows.push({
      label: "Traced peak (tracemalloc)",
      head: formatBytes2(w.memory.traced.peak),
      headValue: w.memory.traced.peak,
      metric: void 0,
      percent: false,
      limits: []
    });
  }
  if (withBase) {
    const lines2 = ["| Metric | Base | Head | Change | Limit |", "| :-- | --: | --: | --: | --: |"];
    for (const r of rows) {
      const base = r.metric ? r.percent ? formatBytes2(r.metric.base) : formatChange(r.metric.base) : "\u2014";
      const change = r.metric ? changeCell(r.metric, r.percent) : "\u2014";
      lines2.push(`| ${r.label} | ${base} | ${r.head} | ${change} | ${limitCell(r.headValue, r.limits)} |`);
    }
    return lines2.join("\n");
  }
  const lines = ["| Metric | Measured | Limit |", "| :-- | --: | --: |"];
  for (const r of rows) lines.push(`| ${r.label} | ${r.head} | ${limitCell(r.headValue, r.limits)} |`);
  return lines.join("\n");
}
function renderFootnotes(w) {
  const rate = describeLeakRate(w);
  const notes = [
    rate ? `Leak rate ${formatChange(rate.rate)} ${escapeMarkdown(rate.phrase)}.` : `Leak rate ${formatChange(w.leakRate.bytesPerIteration)} per iteration (fit r\xB2 ${w.leakRate.r2.toFixed(2)}).`
  ];
  if (w.trials > 1)
    notes.push(`Median of ${w.trials} trials; retained growth varied by ${formatBytes2(w.spread)} across them.`);
  return notes.join(" ");
}
function capitalize(text) {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
function siteUrl(file, line, options) {
  const links = options.links;
  if (!links || links.sha.trim() === "" || !isRepoFile(file)) return null;
  const repo = safeUrl(links.repoUrl.replace(/\/+$/, ""));
  if (!repo) return null;
  const segments = [...links.pathPrefix.split("/"), ...file.split("/")].filter((s) => s !== "" && s !== ".");
  const path = encodePath(segments.join("/"));
  return `${repo}/blob/${encodeSegment(links.sha)}/${path}${line > 0 ? `#L${line}` : ""}`;
}
function linkedText(file, line, text, options) {
  const url = siteUrl(file, line, options);
  return url ? `[${text}](${url})` : text;
}
function siteText(file, line, cap) {
  if (file === "") return "*(unknown)*";
  const where2 = line > 0 ? `${truncateStart(file, cap)}:${line}` : truncateStart(file, cap);
  return escapeMarkdown(where2);
}
function functionText(name, cap) {
  return name === "" ? "*(anonymous)*" : escapeMarkdown(name, cap);
}
function renderTop(report2, w, cmp, options, d) {
  const noun = siteNoun(report2.settings.groupBy);
  const filtered = filterNote(report2.settings, w);
  if (w.top.length === 0)
    return filtered ? `${capitalize(escapeMarkdown(filtered, d.messageCap))}.` : `No ${noun} grew.`;
  const rows = w.top.slice(0, d.rows);
  const newSites = new Set(cmp?.status === "compared" ? cmp.newSites : []);
  const objects = w.profiler.countsObjects;
  const shown = rows.length < w.top.length ? `${rows.length} of the top ${formatCount(w.top.length)} shown; ${formatCount(w.totalSites)} sites in all` : `top ${rows.length} of ${formatCount(w.totalSites)} sites`;
  const window = sitesWindow(w);
  const title = `**${capitalize(noun)} by growth** (${shown}${window ? `; ${window}` : ""})`;
  if (rows.length === 0) return `${title}: rows trimmed.`;
  const withFunction = showsFunction(report2.settings.groupBy);
  const columns = [
    ["#", "--:"],
    ["Growth", "--:"]
  ];
  if (objects) columns.push(["Objects", "--:"]);
  if (withFunction) columns.push(["Function", ":--"], ["Where", ":--"]);
  else columns.push(["File", ":--"]);
  const header = [`| ${columns.map((c) => c[0]).join(" | ")} |`, `| ${columns.map((c) => c[1]).join(" | ")} |`];
  const lines = [];
  let length = 0;
  for (const [i, t] of rows.entries()) {
    if (length > d.limit) break;
    const rank = `${i + 1}${newSites.has(t.key) ? " \u{1F195} new" : ""}`;
    const where2 = linkedText(t.file, t.line, siteText(t.file, t.line, d.textCap), options);
    const cells = [rank, formatChange(t.sizeDiff)];
    if (objects) cells.push(formatCount(t.countDiff, { sign: true }));
    if (withFunction) cells.push(functionText(t.function, d.textCap));
    cells.push(where2);
    const line = `| ${cells.join(" | ")} |`;
    lines.push(line);
    length += line.length + 1;
  }
  return [
    title,
    ...filtered ? ["", `${capitalize(escapeMarkdown(filtered, d.messageCap))}.`] : [],
    "",
    ...header,
    ...lines
  ].join("\n");
}
function renderRetainers(w, status, options, d) {
  const note = retainersNote(w, status);
  const rows = w.top.slice(0, d.rows).map((t, i) => ({ paths: t.retainers ?? [], i })).filter(({ paths }) => paths.length > 0);
  if (rows.length === 0) return note ? `*${escapeMarkdown(capitalize(note), d.messageCap)}*` : null;
  const path = (p) => p.path.map((step) => {
    const { name, kind, file, line } = retainerStepParts(step);
    const at = file !== void 0 ? `, ${linkedText(file, line ?? 0, siteText(file, line ?? 0, d.textCap), options)}` : "";
    return `${escapeMarkdown(name, d.textCap)} (${kind}${at})`;
  }).join(RETAINER_ARROW) + ` \xB7 ${retainedByPath(p)}`;
  const main = [];
  const others = [];
  let length = 0;
  for (const { paths, i } of rows) {
    if (length > d.limit) break;
    const line = `- **${i + 1}.** held by ${path(paths[0])}`;
    main.push(line);
    length += line.length + 1;
    if (d.frames > 0) for (const p of paths.slice(1)) others.push(`- **${i + 1}.** also by ${path(p)}`);
  }
  const parts = ["**Who holds it** (retainer paths from a root, root first)", "", ...main];
  if (note) parts.push("", `*${escapeMarkdown(capitalize(note), d.messageCap)}*`);
  if (others.length)
    parts.push("", "<details><summary>Other retainer paths</summary>", "", ...others, "", "</details>");
  return parts.join("\n");
}
function renderCallPaths(report2, w, options, d) {
  const rows = w.top.slice(0, d.rows).map((t, i) => ({ t, i, path: splitCallPath(t, report2.settings.groupBy) })).filter(({ path }) => path.inside.length + path.callers.length > 0);
  if (rows.length === 0) return null;
  const items = [];
  let length = 0;
  for (const { t, i, path } of rows) {
    if (length > d.limit) break;
    const item = callPath(t, i, path, options, d);
    items.push(item);
    length += item.length + 1;
  }
  return ["<details><summary>Call paths behind these sites</summary>", "", items.join("\n"), "", "</details>"].join(
    "\n"
  );
}
function callPath(t, i, path, options, d) {
  const lines = [`- **${i + 1}.** ${formatChange(t.sizeDiff)}`];
  const frame = (f, mark = "") => {
    const where2 = linkedText(f.file, f.line, siteText(f.file, f.line, d.textCap), options);
    lines.push(`  - ${lines.length === 1 ? "" : "\u2190 "}${functionText(f.function, d.textCap)} \xB7 ${where2}${mark}`);
  };
  const site = path.site ? 1 : 0;
  const callersWanted = Math.min(path.callers.length, Math.floor((d.frames - site) / 2));
  const inside = elideInside(path.inside, Math.max(1, d.frames - site - callersWanted));
  const insideShown = inside.first.length + inside.last.length;
  inside.first.forEach((f) => frame(f));
  if (inside.skipped) lines.push(`  - \u2190 \u2026 ${inside.skipped} more frames`);
  inside.last.forEach((f) => frame(f));
  if (path.site) frame(path.site, " \xB7 *site*");
  const callers = path.callers.slice(0, Math.max(0, d.frames - site - insideShown));
  callers.forEach((f) => frame(f));
  if (path.callers.length > callers.length) lines.push(`  - \u2190 \u2026 ${path.callers.length - callers.length} more frames`);
  return lines.join("\n");
}
var CHART_MIN_GROWTH = 256 * 1024;
function renderChart(w, failed2) {
  if (w.series.length < 3) return null;
  const withExternal = Math.abs(w.retained.external) > Math.max(CHART_MIN_GROWTH, 0.25 * Math.abs(w.retained.total));
  const values = w.series.map((p) => p.heapUsed + (withExternal ? p.external : 0));
  if (!values.every(Number.isFinite)) return null;
  const first = values[0];
  const growth = values[values.length - 1] - first;
  if (!failed2 && growth < Math.max(CHART_MIN_GROWTH, 0.05 * Math.abs(first))) return null;
  const peak = Math.max(...values.map(Math.abs));
  const [unit, scale] = peak >= 1024 ** 3 ? ["GiB", 1024 ** 3] : peak >= 1024 ** 2 ? ["MiB", 1024 ** 2] : ["KiB", 1024];
  const what = withExternal ? "Heap + external" : w.runtime.name === "python" ? "Traced memory" : "Heap";
  return [
    "```mermaid",
    "xychart-beta",
    `  title "${what} after GC, per iteration"`,
    `  x-axis "iteration" [${w.series.map((p) => p.iteration).join(", ")}]`,
    `  y-axis "${unit}"`,
    `  line [${values.map((v) => String(Number((v / scale).toFixed(2)))).join(", ")}]`,
    "```"
  ].join("\n");
}
function renderMeasured(report2, w) {
  const p = w.profiler;
  const runtime = describeRuntime(w.runtime);
  const items = [
    `Runtime: ${runtime}`,
    `Profiler: ${p.backend}, ${formatSampling(p.samplingInterval)}, stack depth ${p.stackDepth}` + (p.countsObjects ? "" : ", no object counts") + (p.continuous ? "" : ", pass-2 allocations only (no frees seen)"),
    `Iterations: ${w.iterations} per pass: warm-up pass, forced GC, baseline, measured pass, forced GC, after`,
    `Trials: ${w.trials} fresh process${w.trials === 1 ? "" : "es"}${w.trials > 1 ? " (median)" : ""}`,
    `Grouped by ${report2.settings.groupBy}; ${formatCount(w.totalSites)} sites changed, top ${report2.settings.top} kept`,
    `memgate ${report2.tool.version}`
  ];
  return [
    "<details><summary>How it was measured</summary>",
    "",
    items.map((i) => `- ${escapeMarkdown(i, 400)}`).join("\n"),
    "",
    "</details>"
  ].join("\n");
}
function minimalBody(report2, options, max) {
  const lines = [options.marker, headline(report2, options), "", trimNote(options), ""].filter((l) => l !== void 0);
  const body = lines.join("\n");
  if (body.length <= max) return body;
  const headOnly = [options.marker, headline(report2, options)].filter(Boolean).join("\n");
  return headOnly.length <= max ? headOnly : (options.marker ?? "").slice(0, max);
}

export {
  UsageError,
  settingsMismatch,
  compareWithBase,
  formatBytes2 as formatBytes,
  formatCount,
  formatPercent,
  formatChange,
  splitCallPath,
  elideInside,
  showsFunction,
  siteNoun,
  describeFailure,
  describeLastMemory,
  describeRuntime,
  headlineText,
  workloadStatus,
  overallStatus,
  findComparison,
  countLine,
  describeLeakRate,
  sitesWindow,
  retainerStepParts,
  retainerPathText,
  retainedByPath,
  retainersNote,
  filterNote,
  ceilingsShown,
  describeCeiling,
  TOOL_VERSION,
  runPipeline,
  writeReport,
  applyLeakPolicy,
  truncate,
  truncateStart,
  oneLine,
  terminalSafe,
  renderMarkdown,
  CLI_COMMANDS,
  flagsOf,
  defaultHelpOf,
  readSettings,
  pipelineSettings
};
/*! For license information please see chunk-DVDIQYEP.js.LEGAL.txt */
