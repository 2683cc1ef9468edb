var __create = Object.create;
var __defProp = Object.defineProperty;
var __getOwnPropDesc = Object.getOwnPropertyDescriptor;
var __getOwnPropNames = Object.getOwnPropertyNames;
var __getProtoOf = Object.getPrototypeOf;
var __hasOwnProp = Object.prototype.hasOwnProperty;
var __commonJS = (cb, mod) => function __require() {
  try {
    return mod || (0, cb[__getOwnPropNames(cb)[0]])((mod = { exports: {} }).exports, mod), mod.exports;
  } catch (e) {
    throw mod = 0, e;
  }
};
var __copyProps = (to, from, except, desc) => {
  if (from && typeof from === "object" || typeof from === "function") {
    for (let key of __getOwnPropNames(from))
      if (!__hasOwnProp.call(to, key) && key !== except)
        __defProp(to, key, { get: () => from[key], enumerable: !(desc = __getOwnPropDesc(from, key)) || desc.enumerable });
  }
  return to;
};
var __toESM = (mod, isNodeMode, target) => (target = mod != null ? __create(__getProtoOf(mod)) : {}, __copyProps(
  // If the importer is in node compatibility mode or this is not an ESM
  // file that has been converted to a CommonJS file using a Babel-
  // compatible transform (i.e. "__esModule" has not been set), then set
  // "default" to the CommonJS "module.exports" for node compatibility.
  isNodeMode || !mod || !mod.__esModule ? __defProp(target, "default", { value: mod, enumerable: true }) : target,
  mod
));

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
      let glob = "";
      if (start > 0) {
        prefix = str.slice(0, start);
        str = str.slice(start);
        lastIndex -= start;
      }
      if (base && isGlob === true && lastIndex > 0) {
        base = str.slice(0, lastIndex);
        glob = str.slice(lastIndex);
      } else if (isGlob === true) {
        base = "";
        glob = str;
      } else {
        base = str;
      }
      if (base && base !== "" && base !== "/" && base !== str) {
        if (isPathSeparator(base.charCodeAt(base.length - 1))) {
          base = base.slice(0, -1);
        }
      }
      if (opts.unescape === true) {
        if (glob) glob = utils.removeBackslashes(glob);
        if (base && backslashes === true) {
          base = utils.removeBackslashes(base);
        }
      }
      const state = {
        prefix,
        input,
        start,
        base,
        glob,
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
      const capture2 = opts.capture ? "" : "?:";
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
        return `(${capture2}(?:(?!${START_ANCHOR}${opts2.dot ? DOTS_SLASH : DOT_LITERAL}).)*?)`;
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
          const open = tokens[token.tokensIndex];
          open.type = "text";
          open.value = literal;
          open.output = safeOutput || utils.escapeRegex(literal);
          for (let i = token.tokensIndex + 1; i < tokens.length; i++) {
            tokens[i].value = "";
            tokens[i].output = "";
            delete tokens[i].suffix;
          }
          state.output = token.output + open.output;
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
                const posix = POSIX_REGEX_SOURCE[rest2];
                if (posix) {
                  prev.value = pre + posix;
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
          prev.value = `(${capture2}${escaped}|${prev.value})`;
          state.output += prev.value;
          continue;
        }
        if (value === "{" && opts.nobrace !== true) {
          increment("braces");
          const open = {
            type: "brace",
            value,
            output: "(",
            outputIndex: state.output.length,
            tokensIndex: state.tokens.length
          };
          braces.push(open);
          push(open);
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
      const capture2 = opts.capture ? "" : "?:";
      const state = { negated: false, prefix: "" };
      let star = opts.bash === true ? ".*?" : STAR;
      if (opts.capture) {
        star = `(${star})`;
      }
      const globstar = (opts2) => {
        if (opts2.noglobstar === true) return star;
        return `(${capture2}(?:(?!${START_ANCHOR}${opts2.dot ? DOTS_SLASH : DOT_LITERAL}).)*?)`;
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
    var isObject2 = (val) => val && typeof val === "object" && !Array.isArray(val);
    var picomatch2 = (glob, options, returnState = false) => {
      if (Array.isArray(glob)) {
        const fns = glob.map((input) => picomatch2(input, options, returnState));
        const arrayMatcher = (str) => {
          for (const isMatch of fns) {
            const state2 = isMatch(str);
            if (state2) return state2;
          }
          return false;
        };
        return arrayMatcher;
      }
      const isState = isObject2(glob) && glob.tokens && glob.input;
      if (glob === "" || typeof glob !== "string" && !isState) {
        throw new TypeError("Expected pattern to be a non-empty string");
      }
      const opts = options || {};
      const posix = opts.windows;
      const regex = isState ? picomatch2.compileRe(glob, options) : picomatch2.makeRe(glob, options, false, true);
      const state = regex.state;
      delete regex.state;
      let isIgnored = () => false;
      if (opts.ignore) {
        const ignoreOpts = { ...options, ignore: null, onMatch: null, onResult: null };
        isIgnored = picomatch2(opts.ignore, ignoreOpts, returnState);
      }
      const matcher = (input, returnObject = false) => {
        const { isMatch, match, output } = picomatch2.test(input, regex, options, { glob, posix });
        const result = { glob, state, regex, posix, input, output, match, isMatch };
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
    picomatch2.test = (input, regex, options, { glob, posix } = {}) => {
      if (typeof input !== "string") {
        throw new TypeError("Expected input to be a string");
      }
      if (input === "") {
        return { isMatch: false, output: "" };
      }
      const opts = options || {};
      const format = opts.format || (posix ? utils.toPosixSlashes : null);
      let match = input === glob;
      let output = match && format ? format(input) : input;
      if (match === false) {
        output = format ? format(input) : input;
        match = output === glob;
      }
      if (match === false || opts.capture === true) {
        if (opts.matchBase === true || opts.basename === true) {
          match = picomatch2.matchBase(input, regex, options, posix);
        } else {
          match = regex.exec(output);
        }
      }
      return { isMatch: Boolean(match), match, output };
    };
    picomatch2.matchBase = (input, glob, options, posix = options && options.windows) => {
      const regex = glob instanceof RegExp ? glob : picomatch2.makeRe(glob, options);
      return regex.test(utils.basename(input, { windows: posix }));
    };
    picomatch2.isMatch = (str, patterns, options) => picomatch2(patterns, options)(str);
    picomatch2.parse = (pattern, options) => {
      if (Array.isArray(pattern)) return pattern.map((p) => picomatch2.parse(p, options));
      return parse(pattern, { ...options, fastpaths: false });
    };
    picomatch2.scan = (input, options) => scan(input, options);
    picomatch2.compileRe = (state, options, returnOutput = false, returnState = false) => {
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
      const regex = picomatch2.toRegex(source, options);
      if (returnState === true) {
        regex.state = state;
      }
      return regex;
    };
    picomatch2.makeRe = (input, options = {}, returnOutput = false, returnState = false) => {
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
      return picomatch2.compileRe(parsed, options, returnOutput, returnState);
    };
    picomatch2.toRegex = (source, options) => {
      try {
        const opts = options || {};
        return new RegExp(source, opts.flags || (opts.nocase ? "i" : ""));
      } catch (err) {
        if (options && options.debug === true) throw err;
        return /$^/;
      }
    };
    picomatch2.constants = constants;
    module.exports = picomatch2;
  }
});

// node_modules/picomatch/posix.js
var require_posix = __commonJS({
  "node_modules/picomatch/posix.js"(exports, module) {
    "use strict";
    module.exports = require_picomatch();
  }
});

// src/measure/probe/node-probe.ts
import { spawnSync } from "node:child_process";
import { closeSync, openSync, readFileSync as readFileSync2, renameSync as renameSync2, writeFileSync as writeFileSync2, writeSync } from "node:fs";
import { Session as Session3 } from "node:inspector";
import { findSourceMap } from "node:module";
import { dirname as dirname2 } from "node:path";
import { performance as performance4 } from "node:perf_hooks";
import { pathToFileURL as pathToFileURL2 } from "node:url";
import { getHeapCodeStatistics, getHeapSpaceStatistics, promiseHooks, setFlagsFromString as setFlagsFromString2 } from "node:v8";

// src/analysis/stats.ts
function median(values) {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

// src/analysis/noise.ts
var GROWTH_FLOOR = 32 * 1024;
var ONE_OFF_NOTE_MIN = 4 * GROWTH_FLOOR;
var COMPARE_FLOOR = 2 * GROWTH_FLOOR;
var HEAP_AFTER_FLOOR = 1024 * 1024;
var RSS_FLOOR = 16 * 1024 * 1024;
var SITE_FLOOR = 4 * 1024;
var SPIKE_MIN = 4 * 1024;

// src/analysis/leak-rate.ts
var CONFIRM_FLOORS = 2;
var HOLD = 0.9;
var STRONG = 16;
var FIRST_HOLD = 0.75;
function confirmationPlan(iterations, leakRate) {
  return {
    suspectAbove: Math.min(GROWTH_FLOOR, leakRate * iterations),
    firstLength: Math.max(iterations, Math.ceil(CONFIRM_FLOORS * GROWTH_FLOOR / leakRate))
  };
}
var BIG_HEAP_STRETCH = 4;
function bigHeapFirstLength(firstLength, msPerIteration, fullGcMs) {
  let stretch = BIG_HEAP_STRETCH;
  while (stretch > 1 && (stretch - 1) * firstLength * msPerIteration > fullGcMs) stretch /= 2;
  return firstLength * stretch;
}
var SEGMENT_RULE = { hold: HOLD, strong: STRONG, firstHold: FIRST_HOLD };
var agrees = (rate, previousRate, rule = SEGMENT_RULE) => rate >= rule.hold * previousRate;
var agreedForNext = (rate, previousRate, first, rule = SEGMENT_RULE) => rate >= (first ? rule.firstHold : rule.hold) * previousRate;
function judgeSegment(rate, previousRate, leakRate, previousAgreed, rule = SEGMENT_RULE) {
  if (rate < leakRate) return "settles";
  return agrees(rate, previousRate, rule) && (rate >= rule.strong * leakRate || previousAgreed) ? "holds" : "decays";
}
function ratePoint(point) {
  return { iteration: point.iteration, total: point.heapUsed + point.external - (point.code ?? 0) };
}
function decidedEarly(known, intervals, previousRate, leakRate, previousAgreed) {
  const unknown = intervals - known.length;
  if (unknown <= 0 || known.length === 0) return null;
  const bound = (value) => judgeSegment(median([...known, ...Array(unknown).fill(value)]), previousRate, leakRate, previousAgreed);
  const low = bound(-Infinity);
  return low !== "decays" && low === bound(Infinity) ? low : null;
}
function rateOf(points) {
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
function judgeConfirmation(measured, readings, segmentEnds, leakRate, stoppedBy) {
  const measuredRate = rateOf(measured).rate;
  const segments = [];
  let previous = measuredRate;
  let previousAgreed = false;
  let start = readings[0];
  for (const end of segmentEnds) {
    if (!start) break;
    const from = start.iteration;
    const points = readings.filter((p) => p.iteration >= from && p.iteration <= end);
    if (points.length < 2) break;
    const { rate, spread } = rateOf(points);
    const outcome = judgeSegment(rate, previous, leakRate, previousAgreed);
    segments.push({ from, to: end, rate, spread, outcome });
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

// src/analysis/gate.ts
var CEILING_NAMES = ["maxRetained", "maxHeap", "maxRss"];

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

// src/analysis/workload-options.ts
function readWorkloadCeilings(options) {
  const ceilings = {};
  if (!options) return { ceilings };
  for (const name of CEILING_NAMES) {
    if (!(name in options) || options[name] === void 0) continue;
    const value = options[name];
    if (value === null) {
      ceilings[name] = null;
    } else if (typeof value === "number") {
      if (!Number.isSafeInteger(value) || value < 0) {
        return {
          error: `options.${name} must be a size such as '256KB' or a whole number of bytes, got ${String(value)}`
        };
      }
      ceilings[name] = value;
    } else if (typeof value === "string") {
      try {
        ceilings[name] = parseSize(value);
      } catch (error) {
        return { error: `options.${name}: ${error.message}` };
      }
    } else {
      return {
        error: `options.${name} must be a size such as '256KB' or a whole number of bytes, got a ${typeof value}`
      };
    }
  }
  return { ceilings };
}

// src/measure/protocol.ts
var RETAINERS_SUFFIX = ".retainers.json";
var PASS_PHASE = { 1: "pass1", 2: "pass2", 3: "confirm" };
var ENV_CONFIG = "MEMGATE_CONFIG";
var ENV_EVENTS = "MEMGATE_EVENTS";
var ENV_RESULT = "MEMGATE_RESULT";
var describePhase = (phase2) => phase2 === "pass1" ? "pass 1" : phase2 === "pass2" ? "pass 2" : phase2 === "confirm" ? "the confirmation pass" : phase2 === "retainers" ? "the retainer capture" : phase2 ?? "start-up";

// src/measure/probe/collector.ts
import { performance } from "node:perf_hooks";
import { GCProfiler, setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
var gc = (() => {
  const exposed = globalThis.gc;
  if (typeof exposed === "function") return exposed;
  setFlagsFromString("--expose-gc");
  return runInNewContext("gc");
})();
var nextTurn = () => new Promise((resolve2) => setImmediate(resolve2));
var minorGc = () => gc({ type: "minor" });
var readGc = (stats) => stats.find((s) => s.gcType === "MarkSweepCompact");
function heapAfter(gc2) {
  const { usedHeapSize, totalHeapSize } = gc2.afterGC.heapStatistics;
  return { used: Math.min(usedHeapSize, gc2.beforeGC.heapStatistics.usedHeapSize), total: totalHeapSize };
}
var Collector = class {
  /** Forced collections and the turns before them. */
  collectMs = 0;
  /** Profile reads, their own full GC included. */
  profileMs = 0;
  full = 0;
  fullMs = 0;
  profileReads = 0;
  /** The profile reads' own full GCs (in both fullMs and profileMs). */
  readGcMs = 0;
  /**
   * `rounds` full GCs, each after an event-loop turn: WeakRef targets stay alive until the current job ends, and
   * FinalizationRegistry callbacks (which may free more) run between collections.
   */
  async collect(rounds2) {
    const t0 = performance.now();
    for (let round = 0; round < rounds2; round++) {
      await nextTurn();
      const g0 = performance.now();
      gc();
      this.fullMs += performance.now() - g0;
      this.full++;
    }
    this.collectMs += performance.now() - t0;
  }
  /**
   * Reads the profile. When the read collects (the inspector's do, before building the profile), that full GC is
   * counted as one, and `heap` is the heap right after it, before the read's own allocations: the read is then
   * also a settled reading's last round. `heap` is null when no full GC ran in the read.
   */
  async read(read, collects) {
    const profiler = collects ? new GCProfiler() : void 0;
    profiler?.start();
    const t0 = performance.now();
    let value;
    try {
      value = await read();
    } finally {
      this.profileMs += performance.now() - t0;
      this.profileReads++;
    }
    const stats = profiler?.stop().statistics ?? [];
    const own = readGc(stats);
    if (!own) return { value, heap: null };
    this.full++;
    this.fullMs += own.cost / 1e3;
    this.readGcMs += own.cost / 1e3;
    return { value, heap: heapAfter(own) };
  }
  timings() {
    return { full: this.full, fullMs: this.fullMs, profileReads: this.profileReads, readGcMs: this.readGcMs };
  }
};

// src/measure/probe/samplers/inspector.ts
import { Session } from "node:inspector";

// src/measure/probe/samplers/profile-tree.ts
import { fileURLToPath } from "node:url";
function toDevToolsProfile(head, lineBase, samples = []) {
  let nextId = 1;
  const convert = (node) => {
    const { functionName, url, lineNumber, columnNumber, scriptId } = node.callFrame;
    return {
      id: node.id ?? nextId++,
      callFrame: {
        functionName,
        url,
        scriptId: String(scriptId ?? 0),
        lineNumber: lineNumber - lineBase,
        columnNumber: columnNumber - lineBase
      },
      selfSize: node.selfSize,
      children: node.children.map(convert)
    };
  };
  return { head: convert(head), samples };
}
var toPath = (url) => {
  if (!url.startsWith("file://")) return url;
  try {
    return fileURLToPath(url);
  } catch {
    return url;
  }
};
var isRuntime = (url) => url === "" || url.startsWith("node:");
var toFrame = (node, lineBase) => {
  const { functionName, url, lineNumber, columnNumber } = node.callFrame;
  const line = lineNumber < 0 || lineBase === 1 && lineNumber === 0 ? 0 : lineNumber + (1 - lineBase);
  const column = columnNumber < 0 || lineBase === 1 && columnNumber === 0 ? 0 : columnNumber + (1 - lineBase);
  return { functionName, file: toPath(url), line, column };
};
function userStack(nodes, options) {
  const isProbe = (node) => options.probeUrlPrefixes.some((prefix) => node.callFrame.url.startsWith(prefix));
  const firstOwner = nodes.find((node) => !isRuntime(node.callFrame.url));
  if (firstOwner && isProbe(firstOwner)) return null;
  const remap2 = options.remap ?? ((frame) => frame);
  return nodes.filter((node) => !isProbe(node) && !(node.callFrame.url === "" && node.callFrame.functionName === "")).slice(0, options.stackDepth).map((node) => remap2(toFrame(node, options.lineBase)));
}
var stackKey = (stack) => stack.map((f) => `${f.functionName}\0${f.file}\0${f.line}\0${f.column}`).join("");
function profileToSnapshot(head, options, countOf = () => 0) {
  const merged = /* @__PURE__ */ new Map();
  const sizeOf = options.sizeOf ?? ((node) => node.selfSize);
  const pending = [{ node: head, path: [] }];
  while (pending.length > 0) {
    const { node, path } = pending.pop();
    const stackOuterFirst = node === head ? path : [...path, node];
    const size = sizeOf(node);
    if (size > 0) {
      const stack = userStack([...stackOuterFirst].reverse(), options);
      if (stack) {
        const key = stackKey(stack);
        const existing = merged.get(key);
        if (existing) {
          existing.size += size;
          existing.count += countOf(node);
        } else {
          merged.set(key, { stack, size, count: countOf(node) });
        }
      }
    }
    for (const child of node.children) pending.push({ node: child, path: stackOuterFirst });
  }
  return { allocations: [...merged.values()] };
}

// src/measure/probe/samplers/inspector.ts
var INSPECTOR_DEPTH = 128;
var InspectorSampler = class {
  constructor(options) {
    this.options = options;
    this.info = {
      backend: "inspector",
      samplingInterval: options.samplingInterval,
      stackDepth: Math.min(options.stackDepth, INSPECTOR_DEPTH),
      countsObjects: false,
      continuous: true
    };
    this.session.connect();
  }
  options;
  info;
  /** The inspector starts V8's sampling profiler with kSamplingForceGC: every getSamplingProfile collects fully first. */
  readCollects = true;
  session = new Session();
  post(method, params = {}) {
    return new Promise((resolve2, reject) => {
      this.session.post(method, params, (error, result) => error ? reject(error) : resolve2(result));
    });
  }
  async start() {
    await this.post("HeapProfiler.enable");
    await this.post("HeapProfiler.startSampling", {
      samplingInterval: this.options.samplingInterval,
      // Only objects still alive: the profile is a picture of retained memory.
      includeObjectsCollectedByMajorGC: false,
      includeObjectsCollectedByMinorGC: false
    });
  }
  async snapshot() {
    const { profile } = await this.post("HeapProfiler.getSamplingProfile");
    const snapshot = profileToSnapshot(profile.head, {
      lineBase: 0,
      stackDepth: this.info.stackDepth,
      probeUrlPrefixes: this.options.probeUrlPrefixes,
      ...this.options.remap ? { remap: this.options.remap } : {}
    });
    return { snapshot, raw: profile };
  }
  async baseline() {
    return (await this.snapshot()).snapshot;
  }
  after() {
    return this.snapshot();
  }
  async stop() {
    try {
      await this.post("HeapProfiler.disable");
    } finally {
      this.session.disconnect();
    }
  }
};

// src/measure/probe/samplers/types.ts
var SamplerUnavailableError = class extends Error {
  name = "SamplerUnavailableError";
};

// src/measure/probe/retainers-step.ts
import { renameSync, writeFileSync } from "node:fs";
import { isAbsolute, resolve } from "node:path";
import { performance as performance3 } from "node:perf_hooks";

// src/analysis/frames.ts
import { fileURLToPath as fileURLToPath2 } from "node:url";
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
      return fileURLToPath2(file).replace(/\\/g, "/");
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
function attributionFrame(stack, options = {}, classify = createFrameClassifier(options.runtimePaths)) {
  const skipDependencies = options.skipDependencies ?? true;
  let firstDependency;
  for (const frame of stack) {
    const kind = classify(frame);
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
  const classify = createFrameClassifier(options.runtimePaths);
  const keep = createSiteFilter(options);
  const frameOptions = { skipDependencies: options.skipDependencies ?? true };
  const relativeFiles = /* @__PURE__ */ new Map();
  const relative = (file) => {
    let path = relativeFiles.get(file);
    if (path === void 0) {
      path = relativePath(file, options.cwd);
      relativeFiles.set(file, path);
    }
    return path;
  };
  const visibleFrames = (stack) => {
    const visible = stack.filter((frame) => classify(frame) !== "runtime");
    return visible.length > 0 ? visible : [...stack];
  };
  const toTraceback = (frame) => ({
    file: relative(frame.file),
    line: frame.line,
    function: frame.functionName
  });
  const tracebackOf = (stack) => {
    const visible = visibleFrames(stack);
    const firstVisible = stack.findIndex((frame) => classify(frame) !== "runtime");
    const inside = firstVisible > 0 ? stack.slice(0, firstVisible).filter((f) => f.file !== "").slice(0, RUNTIME_FRAMES_SHOWN) : [];
    return [...inside, ...visible].map(toTraceback);
  };
  const tracebackKey = (stack) => {
    const labels = [];
    for (const frame of visibleFrames(stack))
      labels.push(frameLabel(relative(frame.file), frame.line, frame.functionName));
    return labels.join(TRACEBACK_SEPARATOR);
  };
  const sites = /* @__PURE__ */ new Map();
  const add = (snapshot, isAfter) => {
    for (const allocation of snapshot.allocations) {
      if (allocation.size === 0 && allocation.count === 0) continue;
      const frame = attributionFrame(allocation.stack, frameOptions, classify);
      const kind = frame ? classify(frame) : "runtime";
      const file = frame ? relative(frame.file) : "";
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

// src/measure/probe/retainers.ts
import { readFileSync } from "node:fs";
import { Session as Session2 } from "node:inspector";
import { performance as performance2 } from "node:perf_hooks";
import { fileURLToPath as fileURLToPath3 } from "node:url";

// src/analysis/heap-graph.ts
var EDGE_FIELDS = 3;
var HeapSnapshotFormatError = class extends Error {
  name = "HeapSnapshotFormatError";
};
var SPACE = /* @__PURE__ */ new Set([32, 10, 13, 9, 44]);
var HeapSnapshotLoader = class {
  pending = "";
  header;
  section;
  mode = "header";
  // Numeric section state.
  target = [];
  written = 0;
  value = 0;
  inNumber = false;
  negative = false;
  // Raw section state.
  rawParts = [];
  depth = 0;
  inString = false;
  escaped = false;
  nodes;
  edges;
  numeric = /* @__PURE__ */ new Map();
  raw = /* @__PURE__ */ new Map();
  write(chunk) {
    let text = this.pending + chunk;
    this.pending = "";
    let i = 0;
    while (i < text.length && this.mode !== "done") {
      if (this.mode === "header") {
        const end = headerEnd(text);
        if (end < 0) {
          this.pending = text;
          return;
        }
        this.readHeader(text.slice(0, end));
        text = text.slice(end);
        i = 0;
        this.mode = "name";
      } else if (this.mode === "name") {
        while (i < text.length && SPACE.has(text.charCodeAt(i))) i++;
        if (i >= text.length) return;
        if (text[i] === "}") {
          this.mode = "done";
          return;
        }
        const open = text.indexOf("[", i);
        if (open < 0) {
          this.pending = text.slice(i);
          return;
        }
        const match = /^"([a-z_]+)"\s*:\s*$/.exec(text.slice(i, open));
        if (!match)
          throw new HeapSnapshotFormatError(
            `unexpected text in the snapshot: ${JSON.stringify(text.slice(i, i + 40))}`
          );
        this.startSection(match[1]);
        i = open + 1;
      } else if (this.mode === "numbers") {
        i = this.readNumbers(text, i);
      } else {
        i = this.readRaw(text, i);
      }
    }
  }
  readHeader(text) {
    const start = text.indexOf("{", text.indexOf('"snapshot"'));
    try {
      this.header = JSON.parse(text.slice(start));
    } catch (error) {
      throw new HeapSnapshotFormatError(`unreadable snapshot header: ${error.message}`, { cause: error });
    }
    const { meta } = this.header;
    if (!meta?.node_fields || !meta.edge_fields || meta.edge_fields.length !== EDGE_FIELDS) {
      throw new HeapSnapshotFormatError("the snapshot header has no node/edge field list");
    }
  }
  startSection(name) {
    this.section = name;
    const header = this.header;
    if (name === "nodes" || name === "edges") {
      const size = name === "nodes" ? header.node_count * header.meta.node_fields.length : header.edge_count * EDGE_FIELDS;
      this.target = new Uint32Array(size);
      if (name === "nodes") this.nodes = this.target;
      else this.edges = this.target;
      this.written = 0;
      this.mode = "numbers";
    } else if (name === "strings" || name === "trace_tree") {
      this.rawParts = ["["];
      this.depth = 1;
      this.inString = false;
      this.escaped = false;
      this.mode = "raw";
    } else {
      const list = [];
      this.numeric.set(name, list);
      this.target = list;
      this.written = 0;
      this.mode = "numbers";
    }
    this.inNumber = false;
    this.value = 0;
    this.negative = false;
  }
  readNumbers(text, from) {
    const target = this.target;
    const typed = target instanceof Uint32Array;
    let value = this.value;
    let inNumber = this.inNumber;
    let negative = this.negative;
    let written = this.written;
    let i = from;
    for (; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c >= 48 && c <= 57) {
        value = value * 10 + (c - 48);
        inNumber = true;
      } else if (c === 45) {
        negative = true;
      } else {
        if (inNumber) {
          const number = negative ? -value : value;
          if (typed) {
            if (written >= target.length)
              throw new HeapSnapshotFormatError(`the ${this.section} section is longer than its header says`);
            target[written] = number;
          } else {
            target.push(number);
          }
          written++;
          value = 0;
          inNumber = false;
          negative = false;
        }
        if (c === 93) {
          i++;
          this.mode = "name";
          break;
        }
      }
    }
    this.value = value;
    this.inNumber = inNumber;
    this.negative = negative;
    this.written = written;
    if (this.mode === "name" && typed && written !== target.length) {
      throw new HeapSnapshotFormatError(
        `the ${this.section} section has ${written} numbers, its header says ${target.length}`
      );
    }
    return i;
  }
  readRaw(text, from) {
    let i = from;
    let depth = this.depth;
    let inString = this.inString;
    let escaped = this.escaped;
    for (; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (inString) {
        if (escaped) escaped = false;
        else if (c === 92) escaped = true;
        else if (c === 34) inString = false;
      } else if (c === 34) inString = true;
      else if (c === 91) depth++;
      else if (c === 93 && --depth === 0) {
        i++;
        break;
      }
    }
    this.rawParts.push(text.slice(from, i));
    this.depth = depth;
    this.inString = inString;
    this.escaped = escaped;
    if (depth === 0) {
      const body = this.rawParts.join("");
      this.rawParts = [];
      try {
        this.raw.set(this.section, JSON.parse(body));
      } catch (error) {
        throw new HeapSnapshotFormatError(`unreadable ${this.section} section: ${error.message}`, {
          cause: error
        });
      }
      this.mode = "name";
    }
    return i;
  }
  /** The graph; throws HeapSnapshotFormatError when the text was incomplete or not a snapshot. */
  finish() {
    const header = this.header;
    if (!header || !this.nodes || !this.edges || !this.raw.has("strings")) {
      throw new HeapSnapshotFormatError("the snapshot is incomplete (no header, nodes, edges or strings)");
    }
    return buildGraph(
      header,
      this.nodes,
      this.edges,
      this.raw.get("strings"),
      this.numeric,
      this.raw.get("trace_tree")
    );
  }
};
function headerEnd(text) {
  const key = text.indexOf('"snapshot"');
  if (key < 0) return -1;
  let depth = 0;
  let inString = false;
  let escaped = false;
  for (let i = text.indexOf("{", key); i >= 0 && i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (escaped) escaped = false;
      else if (c === 92) escaped = true;
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123) depth++;
    else if (c === 125 && --depth === 0) return i + 1;
  }
  return -1;
}
function buildGraph(header, nodes, edges, strings, numeric, traceTree) {
  const { meta } = header;
  const nodeFieldCount = meta.node_fields.length;
  const field = (name, required = true) => {
    const index = meta.node_fields.indexOf(name);
    if (index < 0 && required) throw new HeapSnapshotFormatError(`the snapshot's nodes have no ${name} field`);
    return index;
  };
  const fields = {
    type: field("type"),
    name: field("name"),
    id: field("id"),
    selfSize: field("self_size"),
    edgeCount: field("edge_count"),
    traceNodeId: field("trace_node_id", false)
  };
  const nodeCount = header.node_count;
  const edgeCount = header.edge_count;
  const edgeTarget2 = meta.edge_fields.indexOf("to_node");
  const firstEdge = new Uint32Array(nodeCount + 1);
  let total = 0;
  for (let n = 0; n < nodeCount; n++) {
    firstEdge[n] = total;
    total += nodes[n * nodeFieldCount + fields.edgeCount];
  }
  firstEdge[nodeCount] = total;
  if (total !== edgeCount)
    throw new HeapSnapshotFormatError(`the nodes own ${total} edges, the header says ${edgeCount}`);
  for (let e = 0; e < edgeCount; e++) {
    const at = e * EDGE_FIELDS + edgeTarget2;
    const offset = edges[at];
    if (offset % nodeFieldCount !== 0 || offset / nodeFieldCount >= nodeCount)
      throw new HeapSnapshotFormatError(`edge ${e} points outside the nodes`);
    edges[at] = offset / nodeFieldCount;
  }
  return {
    nodeCount,
    edgeCount,
    nodes,
    edges,
    firstEdge,
    nodeFieldCount,
    fields,
    nodeTypes: meta.node_types[0],
    edgeTypes: meta.edge_types[0],
    strings,
    locations: readLocations(meta, numeric.get("locations") ?? [], nodeFieldCount),
    traceFunctions: readTraceFunctions(meta, numeric.get("trace_function_infos") ?? [], strings),
    traceNodes: readTraceTree(meta, traceTree)
  };
}
function readLocations(meta, numbers, nodeFieldCount) {
  const names = meta.location_fields ?? ["object_index", "script_id", "line", "column"];
  const width = names.length;
  const [object, script, line, column] = ["object_index", "script_id", "line", "column"].map(
    (name) => names.indexOf(name)
  );
  const locations = /* @__PURE__ */ new Map();
  for (let at = 0; at + width <= numbers.length; at += width) {
    locations.set(numbers[at + object] / nodeFieldCount, {
      scriptId: numbers[at + script],
      line: numbers[at + line],
      column: numbers[at + column]
    });
  }
  return locations;
}
function readTraceFunctions(meta, numbers, strings) {
  const names = meta.trace_function_info_fields ?? [];
  const width = names.length;
  if (width === 0) return [];
  const at = (name2) => names.indexOf(name2);
  const [name, scriptName, scriptId, line, column] = [
    at("name"),
    at("script_name"),
    at("script_id"),
    at("line"),
    at("column")
  ];
  const functions = [];
  for (let base = 0; base + width <= numbers.length; base += width) {
    functions.push({
      name: strings[numbers[base + name]] ?? "",
      scriptName: strings[numbers[base + scriptName]] ?? "",
      scriptId: numbers[base + scriptId],
      // Already 1-based in the snapshot (V8 adds one when it serialises them); 0 stays "unknown".
      line: Math.max(0, numbers[base + line]),
      column: Math.max(0, numbers[base + column])
    });
  }
  return functions;
}
function readTraceTree(meta, tree) {
  const result = /* @__PURE__ */ new Map();
  const names = meta.trace_node_fields ?? [];
  if (!Array.isArray(tree) || names.length === 0) return result;
  const width = names.length;
  const idAt = names.indexOf("id");
  const functionAt = names.indexOf("function_info_index");
  const childrenAt = names.indexOf("children");
  const pending = [{ list: tree, parent: 0 }];
  while (pending.length > 0) {
    const { list, parent } = pending.pop();
    for (let base = 0; base + width <= list.length; base += width) {
      const id = list[base + idAt];
      result.set(id, { functionIndex: list[base + functionAt], parent });
      const children = list[base + childrenAt];
      if (Array.isArray(children) && children.length > 0) pending.push({ list: children, parent: id });
    }
  }
  return result;
}
var nodeType = (g, n) => g.nodeTypes[g.nodes[n * g.nodeFieldCount + g.fields.type]] ?? "";
var nodeName = (g, n) => g.strings[g.nodes[n * g.nodeFieldCount + g.fields.name]] ?? "";
var nodeId = (g, n) => g.nodes[n * g.nodeFieldCount + g.fields.id];
var selfSize = (g, n) => g.nodes[n * g.nodeFieldCount + g.fields.selfSize];
var traceNodeId = (g, n) => g.fields.traceNodeId < 0 ? 0 : g.nodes[n * g.nodeFieldCount + g.fields.traceNodeId];
var edgeType = (g, e) => g.edgeTypes[g.edges[e * EDGE_FIELDS]] ?? "";
var edgeTarget = (g, e) => g.edges[e * EDGE_FIELDS + 2];
function edgeName(g, e) {
  const raw = g.edges[e * EDGE_FIELDS + 1];
  const type = edgeType(g, e);
  return type === "element" || type === "hidden" ? raw : g.strings[raw] ?? "";
}
function findEdge(g, from, name) {
  for (let e = g.firstEdge[from]; e < g.firstEdge[from + 1]; e++) if (edgeName(g, e) === name) return e;
  return -1;
}
function isRetainingEdge(g, from, e) {
  const type = edgeType(g, e);
  if (type === "weak") return false;
  if (type === "shortcut") return from === 0;
  if (type === "internal") {
    const name = g.strings[g.edges[e * EDGE_FIELDS + 1]] ?? "";
    if (name.startsWith("part of key") && name.endsWith(`(table @${nodeId(g, from)})`)) return false;
  }
  return true;
}
function shortestPaths(g, options = {}) {
  const parentEdge = new Int32Array(g.nodeCount).fill(-1);
  const parentNode = new Int32Array(g.nodeCount).fill(-1);
  const order = new Uint32Array(g.nodeCount);
  const seen = new Uint8Array(g.nodeCount);
  let head = 0;
  let tail = 0;
  if (g.nodeCount === 0) return { parentEdge, parentNode, order, reached: 0, truncated: false };
  seen[0] = 1;
  order[tail++] = 0;
  const now = options.now ?? Date.now;
  let truncated = false;
  while (head < tail) {
    if ((head & 65535) === 0 && options.deadline !== void 0 && now() > options.deadline) {
      truncated = true;
      break;
    }
    const from = order[head++];
    const begin = g.firstEdge[from];
    const end = g.firstEdge[from + 1];
    for (let pass = from === 0 ? 0 : 1; pass < 2; pass++) {
      for (let e = begin; e < end; e++) {
        const to = g.edges[e * EDGE_FIELDS + 2];
        if (seen[to]) continue;
        if (from === 0 && pass === 0 !== (edgeType(g, e) === "shortcut")) continue;
        if (!isRetainingEdge(g, from, e)) continue;
        seen[to] = 1;
        parentEdge[to] = e;
        parentNode[to] = from;
        order[tail++] = to;
      }
    }
  }
  return { parentEdge, parentNode, order, reached: tail, truncated };
}

// src/analysis/retainers.ts
var INTERNAL_TYPES = /* @__PURE__ */ new Set(["hidden", "synthetic", "code", "object shape"]);
var UNKNOWN = -2;
var LEFT_OUT = -3;
function analyseRetainers(graph, options) {
  const tree = shortestPaths(graph, {
    ...options.deadline !== void 0 ? { deadline: options.deadline } : {},
    ...options.now ? { now: options.now } : {}
  });
  const isNew = options.isNew ?? ((g, n) => traceNodeId(g, n) !== 0);
  const traced = siteResolver(graph, options);
  const namer = new PathNamer(graph, tree, options);
  const width = options.siteCount + 2;
  const none = options.siteCount;
  const undecided = options.siteCount + 1;
  const attributed = { trace: 0, holder: 0, code: 0, group: 0, file: 0, none: 0 };
  const frontier = new Int32Array(graph.nodeCount).fill(-1);
  const site = new Int32Array(graph.nodeCount).fill(UNKNOWN);
  const groups = /* @__PURE__ */ new Map();
  let newObjects = 0;
  let newBytes = 0;
  for (let i = 0; i < tree.reached; i++) {
    const n = tree.order[i];
    const parent = tree.parentNode[n];
    const inherited = parent >= 0 ? frontier[parent] : -1;
    const fresh = isNew(graph, n) && !INTERNAL_TYPES.has(nodeType(graph, n));
    frontier[n] = inherited >= 0 ? inherited : fresh ? n : -1;
    if (!fresh) continue;
    let own = traced(n);
    if (own === null) {
      site[n] = LEFT_OUT;
      continue;
    }
    if (own >= 0) attributed.trace++;
    else if (parent >= 0 && site[parent] >= 0 && frontier[parent] >= 0) {
      own = site[parent];
      attributed.holder++;
    } else {
      own = namer.siteOfCode(n);
      if (own >= 0) attributed.code++;
    }
    site[n] = own >= 0 ? own : UNKNOWN;
    newObjects++;
    const size = selfSize(graph, n);
    newBytes += size;
    const steps = namer.stepsTo(frontier[n]);
    const key = JSON.stringify(steps);
    let group = groups.get(key);
    if (!group) {
      group = { steps, bytes: new Array(width).fill(0), objects: new Array(width).fill(0) };
      groups.set(key, group);
    }
    const slot = own >= 0 ? own : undecided;
    group.bytes[slot] += size;
    group.objects[slot]++;
  }
  for (const group of groups.values()) {
    if (group.objects[undecided] === 0) continue;
    let best = -1;
    for (let s = 0; s < options.siteCount; s++)
      if (group.bytes[s] > 0 && (best < 0 || group.bytes[s] > group.bytes[best])) best = s;
    if (best >= 0) attributed.group += group.objects[undecided];
    else {
      best = holderSite(group.steps, options);
      if (best >= 0) attributed.file += group.objects[undecided];
      else attributed.none += group.objects[undecided];
    }
    const into = best >= 0 ? best : none;
    group.bytes[into] += group.bytes[undecided];
    group.objects[into] += group.objects[undecided];
    group.bytes[undecided] = 0;
    group.objects[undecided] = 0;
  }
  let unreachableObjects = 0;
  if (!tree.truncated) {
    for (let n = 1; n < graph.nodeCount; n++) {
      if (tree.parentEdge[n] < 0 && isNew(graph, n) && !INTERNAL_TYPES.has(nodeType(graph, n))) unreachableObjects++;
    }
  }
  const maxPaths = options.maxPaths ?? 5;
  const pathsFor = (slot) => [...groups.values()].filter((group) => group.objects[slot] > 0).map((group) => ({ bytes: group.bytes[slot], objects: group.objects[slot], path: group.steps })).sort((a, b) => b.bytes - a.bytes || b.objects - a.objects).slice(0, maxPaths);
  return {
    sites: Array.from({ length: options.siteCount }, (_, s) => pathsFor(s)),
    unattributed: pathsFor(none),
    stats: {
      nodes: graph.nodeCount,
      edges: graph.edgeCount,
      newObjects,
      newBytes,
      unreachableObjects,
      attributed,
      truncated: tree.truncated
    }
  };
}
function holderSite(steps, options) {
  if (!options.siteAt) return -1;
  for (let i = steps.length - 1; i >= 0; i--) {
    const file = steps[i].file;
    if (!file) continue;
    const site = options.siteAt(file, 0);
    if (site >= 0) return site;
  }
  return -1;
}
function siteResolver(graph, options) {
  const memo = /* @__PURE__ */ new Map();
  const siteOf = options.siteOf;
  return (node) => {
    const trace = traceNodeId(graph, node);
    if (!siteOf || trace === 0) return -1;
    let site = memo.get(trace);
    if (site === void 0) {
      site = siteOf(allocationStack(graph, trace));
      memo.set(trace, site);
    }
    return site;
  };
}
function allocationStack(graph, traceNode) {
  const stack = [];
  for (let at = graph.traceNodes.get(traceNode); at; at = at.parent ? graph.traceNodes.get(at.parent) : void 0) {
    const fn = graph.traceFunctions[at.functionIndex];
    if (fn && !(fn.name === "(root)" && fn.scriptName === "")) stack.push(fn);
  }
  return stack;
}
var ROOT_KINDS = /* @__PURE__ */ new Set(["module-scope variable", "global", "timer list"]);
var TIMER_LINKS = /* @__PURE__ */ new Set(["_idleNext", "_idlePrev"]);
var REACTION_LINKS = /* @__PURE__ */ new Set([
  "reactions_or_result",
  "next",
  "fulfill_handler",
  "reject_handler",
  "promise_or_capability"
]);
var PathNamer = class {
  constructor(g, tree, options) {
    this.g = g;
    this.tree = tree;
    this.options = options;
  }
  g;
  tree;
  options;
  memo = /* @__PURE__ */ new Map();
  contextOwners;
  /** The named steps of the path to `node`, root first (memoised: many objects share a frontier). */
  stepsTo(node) {
    let steps = this.memo.get(node);
    if (!steps) {
      steps = this.name(this.edgesTo(node));
      this.memo.set(node, steps);
    }
    return steps;
  }
  edgesTo(node) {
    const path = [];
    for (let at = node; this.tree.parentEdge[at] >= 0; at = this.tree.parentNode[at])
      path.push(this.tree.parentEdge[at]);
    return path.reverse();
  }
  name(edges) {
    const g = this.g;
    let steps = [];
    let lastSynthetic = "";
    let previous = -1;
    let tableOwner = "";
    for (const e of edges) {
      const from = this.fromOf(e);
      const to = edgeTarget(g, e);
      const type = edgeType(g, e);
      const name = edgeName(g, e);
      const fromName = nodeName(g, from);
      let step;
      if (nodeType(g, from) === "synthetic") {
        lastSynthetic = nodeName(g, to) && nodeType(g, to) === "synthetic" ? nodeName(g, to) : lastSynthetic || fromName;
      } else if (type === "context") {
        step = this.contextVariable(from, previous, String(name));
      } else if (type === "property") {
        const key = String(name);
        if (TIMER_LINKS.has(key) && steps.at(-1)?.kind === "timer list") step = void 0;
        else if (key === "_events") step = { name: key, kind: "listener list" };
        else if (isGlobalObject(g, from)) step = { name: key, kind: "global" };
        else step = { name: key, kind: "property" };
      } else if (type === "element") {
        step = { name: "[]", kind: "element" };
      } else if (type === "internal") {
        const key = String(name);
        if (key === "table" && (fromName === "Map" || fromName === "Set")) {
          tableOwner = fromName;
          step = { name: "[]", kind: fromName === "Map" ? "map entry" : "set entry" };
        } else if (key === "elements" && nodeType(g, from) === "object" && fromName === "Array")
          step = { name: "[]", kind: "element" };
        else if (/^\d+$/.test(key) && nodeType(g, from) === "array" && (tableOwner === "Map" || tableOwner === "Set")) {
          step = { name: "[]", kind: tableOwner === "Map" ? "map entry" : "set entry" };
        } else if (REACTION_LINKS.has(key) && (fromName === "Promise" || steps.at(-1)?.kind === "promise reactions")) {
          if (steps.at(-1)?.kind !== "promise reactions") step = { name: "then", kind: "promise reactions" };
        }
      }
      if (nodeName(g, to) === "TimersList" && (type === "element" || type === "property")) {
        steps = [];
        step = { name: "timers", kind: "timer list" };
      }
      if (step) {
        const last = steps.at(-1);
        if (!last || JSON.stringify(last) !== JSON.stringify(step)) steps.push(step);
      }
      previous = from;
    }
    if (steps.length === 0) return [{ name: lastSynthetic || "(GC roots)", kind: "internal" }];
    let root = 0;
    steps.forEach((step, index) => {
      if (ROOT_KINDS.has(step.kind)) root = index;
    });
    return steps.slice(root);
  }
  fromOf(e) {
    const to = edgeTarget(this.g, e);
    const parent = this.tree.parentNode[to];
    if (parent >= 0 && this.tree.parentEdge[to] === e) return parent;
    return ownerOfEdge(this.g, e);
  }
  /** A variable of a Context: the module's scope when the context's outer one is the native context. */
  contextVariable(context, before, name) {
    const g = this.g;
    const outer = findEdge(g, context, "previous");
    const isModule = outer < 0 || nodeName(g, edgeTarget(g, outer)) === "system / NativeContext";
    const closure = before >= 0 && nodeType(g, before) === "closure" ? before : this.ownerClosure(context);
    const where = closure >= 0 ? this.closureLocation(closure) : void 0;
    if (isModule) {
      const line = where?.file ? this.options.declarationLine?.(where.file, name) : void 0;
      return {
        name,
        kind: "module-scope variable",
        ...where?.file ? { file: where.file } : {},
        ...line ? { line } : {}
      };
    }
    return {
      name,
      kind: "closure variable",
      ...where?.file ? { file: where.file, ...where.line ? { line: where.line } : {} } : {}
    };
  }
  /** A closure whose context is `context` (found once for all contexts: one pass over the closures). */
  ownerClosure(context) {
    if (!this.contextOwners) {
      const owners = /* @__PURE__ */ new Map();
      for (let n = 0; n < this.g.nodeCount; n++) {
        if (nodeType(this.g, n) !== "closure" || !this.g.locations.has(n)) continue;
        const edge = findEdge(this.g, n, "context");
        if (edge >= 0 && !owners.has(edgeTarget(this.g, edge))) owners.set(edgeTarget(this.g, edge), n);
      }
      this.contextOwners = owners;
    }
    return this.contextOwners.get(context) ?? -1;
  }
  scriptNames;
  /** The site whose code encloses the node's code position (closures; instances, by constructor), or -1. */
  siteOfCode(node) {
    const siteAt = this.options.siteAt;
    const location = this.g.locations.get(node);
    if (!siteAt || !location) return -1;
    if (!this.scriptNames) {
      const names = /* @__PURE__ */ new Map();
      for (const [n, at] of this.g.locations) {
        if (names.has(at.scriptId) || nodeType(this.g, n) !== "closure") continue;
        const name = this.scriptOf(n);
        if (name) names.set(at.scriptId, name);
      }
      this.scriptNames = names;
    }
    const scriptName = this.scriptNames.get(location.scriptId);
    if (!scriptName) return -1;
    const line = location.line + 1;
    const column = location.column + 1;
    const where = this.options.locate ? this.options.locate(scriptName, line, column) : { file: scriptName, line };
    return where.line > 0 ? siteAt(where.file, where.line) : -1;
  }
  scriptOf(closure) {
    const g = this.g;
    const shared = findEdge(g, closure, "shared");
    if (shared < 0) return "";
    const info = edgeTarget(g, shared);
    let script = findEdge(g, info, "script_or_debug_info");
    if (script < 0) script = findEdge(g, info, "script");
    const name = script >= 0 ? nodeName(g, edgeTarget(g, script)) : "";
    return name.startsWith("system /") ? "" : name;
  }
  /** The closure's script (through its SharedFunctionInfo) and 1-based line (the snapshot's location). */
  closureLocation(closure) {
    const scriptName = this.scriptOf(closure);
    if (!scriptName) return void 0;
    const location = this.g.locations.get(closure);
    const line = location ? location.line + 1 : 0;
    const column = location ? location.column + 1 : 0;
    return this.options.locate ? this.options.locate(scriptName, line, column) : { file: scriptName, line };
  }
};
var isGlobalObject = (g, node) => {
  const name = nodeName(g, node);
  return name === "global" || name.startsWith("global /") || name.startsWith("Window");
};
function ownerOfEdge(g, e) {
  let lo = 0;
  let hi = g.nodeCount - 1;
  while (lo < hi) {
    const mid = lo + hi + 1 >>> 1;
    if (g.firstEdge[mid] <= e) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

// src/measure/probe/retainers.ts
var DEFAULT_HEAP_LIMIT = 512 * 1024 * 1024;
var DEFAULT_ITERATIONS_MS = 1e4;
var DEFAULT_ANALYSIS_MS = 3e4;
var MARKER_WAIT_MS = 2e3;
function heapOverLimit(limit) {
  const { heapUsed } = process.memoryUsage();
  return heapUsed > limit ? `the heap holds ${mib(heapUsed)} MiB, over the ${mib(limit)} MiB limit for a heap snapshot (it needs several times the heap in memory)` : null;
}
async function captureRetainers(options) {
  const over = heapOverLimit(options.heapLimit ?? DEFAULT_HEAP_LIMIT);
  if (over) return { status: "skipped", reason: over };
  const { heapUsed } = process.memoryUsage();
  const started = performance2.now();
  const session = new Session2();
  const post = (method, params = {}) => new Promise(
    (resolve2, reject) => session.post(method, params, (error, result) => error ? reject(error) : resolve2(result))
  );
  let tracking = false;
  try {
    session.connect();
    await post("HeapProfiler.enable");
    await options.collect?.();
    const live0 = live();
    const marker = new Promise((resolve2) => {
      session.once(
        "HeapProfiler.lastSeenObjectId",
        (message) => resolve2(message.params.lastSeenObjectId)
      );
    });
    await post("HeapProfiler.startTrackingHeapObjects", { trackAllocations: options.trackAllocations ?? true });
    tracking = true;
    let timer;
    const lastOldId = await Promise.race([
      marker,
      new Promise((resolve2) => timer = setTimeout(() => resolve2(-1), MARKER_WAIT_MS))
    ]);
    clearTimeout(timer);
    if (lastOldId < 0) throw new Error(`the inspector sent no heap statistics within ${MARKER_WAIT_MS} ms`);
    const wanted = options.iterations ?? 10;
    const most = Math.max(wanted, options.maxIterations ?? wanted * 20);
    const rate = options.growthPerIteration ?? 0;
    let iterations = 0;
    const i0 = performance2.now();
    const inTime = () => iterations === 0 || performance2.now() - i0 < (options.iterationsTimeoutMs ?? DEFAULT_ITERATIONS_MS);
    for (let target = wanted; ; target = Math.min(most, target + wanted)) {
      while (iterations < target && inTime()) {
        await options.iterate();
        iterations++;
      }
      if (!(rate > 0) || !options.collect || iterations >= most || !inTime()) break;
      await options.collect();
      if (live() - live0 >= iterations * rate / 2) break;
    }
    const trackedMs = performance2.now() - started;
    await options.collect?.();
    const s0 = performance2.now();
    const loader = new HeapSnapshotLoader();
    let streamError;
    const onChunk = (message) => {
      if (streamError !== void 0) return;
      try {
        loader.write(message.params.chunk);
      } catch (error) {
        streamError = error;
      }
    };
    session.on("HeapProfiler.addHeapSnapshotChunk", onChunk);
    try {
      await post("HeapProfiler.stopTrackingHeapObjects", { reportProgress: false });
    } finally {
      tracking = false;
      session.off("HeapProfiler.addHeapSnapshotChunk", onChunk);
    }
    if (streamError !== void 0) throw streamError;
    const graph = loader.finish();
    const snapshotMs = performance2.now() - s0;
    const a0 = performance2.now();
    const analysis = analyseRetainers(graph, {
      siteCount: options.sites.length,
      siteOf: siteMatcher(options),
      siteAt: enclosingSite(options.sites),
      // Natives (the embedder's objects) get ids of their own, not comparable with the marker.
      isNew: (g, n) => nodeId(g, n) > lastOldId && nodeType(g, n) !== "native",
      locate: locator(options.remap),
      declarationLine,
      maxPaths: options.maxPaths ?? 5,
      deadline: Date.now() + (options.analysisTimeoutMs ?? DEFAULT_ANALYSIS_MS)
    });
    return captured(analysis, { heapUsed, iterations, trackedMs, snapshotMs, analysisMs: performance2.now() - a0 });
  } catch (error) {
    return {
      status: "failed",
      reason: `retainer capture failed: ${error instanceof Error ? error.message : String(error)}`
    };
  } finally {
    if (tracking) await post("HeapProfiler.stopTrackingHeapObjects", { reportProgress: false }).catch(() => void 0);
    session.disconnect();
  }
}
function captured(analysis, stats) {
  const { nodes, edges, newObjects, newBytes, attributed, truncated } = analysis.stats;
  return {
    status: "captured",
    sites: analysis.sites,
    unattributed: analysis.unattributed,
    stats: { ...stats, nodes, edges, newObjects, newBytes, attributed, truncated }
  };
}
var live = () => {
  const m = process.memoryUsage();
  return m.heapUsed + m.external;
};
var mib = (bytes2) => (bytes2 / 1024 / 1024).toFixed(0);
var toPath2 = (url) => {
  if (!url.startsWith("file://")) return url;
  try {
    return fileURLToPath3(url);
  } catch {
    return url;
  }
};
function toFrame2(fn, remap2) {
  const frame = { functionName: fn.name, file: toPath2(fn.scriptName), line: fn.line, column: fn.column };
  return remap2 && frame.line > 0 ? remap2(frame) : frame;
}
function siteMatcher(options) {
  const keys = /* @__PURE__ */ new Map();
  options.sites.forEach((site, index) => {
    const key = `${site.functionName}\0${site.file}\0${site.line}`;
    if (!keys.has(key)) keys.set(key, index);
  });
  const prefixes = options.probeUrlPrefixes ?? [];
  return (stack) => {
    const innermostScripted = stack.find((fn) => fn.scriptName !== "" && !fn.scriptName.startsWith("node:"));
    if (innermostScripted && prefixes.some((prefix) => innermostScripted.scriptName.startsWith(prefix))) return null;
    for (const fn of stack) {
      if (fn.scriptName === "") continue;
      const frame = toFrame2(fn, options.remap);
      const site = keys.get(`${frame.functionName}\0${frame.file}\0${frame.line}`);
      if (site !== void 0) return site;
    }
    return -1;
  };
}
function enclosingSite(sites) {
  return (file, line) => {
    let best = -1;
    sites.forEach((site, index) => {
      if (site.file !== file) return;
      if (line === 0) {
        if (best < 0) best = index;
      } else if (site.line <= line && (best < 0 || site.line > sites[best].line)) best = index;
    });
    return best;
  };
}
function locator(remap2) {
  return (scriptName, line, column) => {
    const frame = toFrame2({ name: "", scriptName, scriptId: 0, line, column }, remap2);
    return { file: frame.file, line: frame.line };
  };
}
var sources = /* @__PURE__ */ new Map();
function declarationLine(file, name) {
  let lines = sources.get(file);
  if (lines === void 0) {
    try {
      lines = readFileSync(file, "utf8").split("\n");
    } catch {
      lines = null;
    }
    sources.set(file, lines);
  }
  if (!lines || !/^[\p{L}_$][\p{L}\p{N}_$]*$/u.test(name)) return void 0;
  const declared = new RegExp(`\\b(?:const|let|var|function\\*?|class)\\s+${name.replace(/\$/g, "\\$")}\\b`);
  const destructured = new RegExp(
    `\\b(?:const|let|var)\\s*[{[][^=]*\\b${name.replace(/\$/g, "\\$")}\\b[^=]*[}\\]]\\s*=`
  );
  const index = lines.findIndex((line) => declared.test(line) || destructured.test(line));
  return index >= 0 ? index + 1 : void 0;
}

// src/measure/probe/retainers-step.ts
function writeAtomically(path, text) {
  writeFileSync(`${path}.tmp`, text);
  renameSync(`${path}.tmp`, path);
}
async function retainersStep(options) {
  const { config: config2, result, resultPath: resultPath2 } = options;
  if (!config2.retainers || !wantsRetainers(config2, result)) return false;
  const over = heapOverLimit(config2.retainers.maxHeap);
  if (!over) writeAtomically(resultPath2, JSON.stringify(result));
  options.enter();
  const started = performance3.now();
  let file;
  try {
    file = over ? { status: "skipped", reason: over } : await capture(options, config2.retainers);
  } catch (error) {
    file = {
      status: "failed",
      reason: `the retainer step failed: ${error instanceof Error ? error.message : String(error)}`
    };
  }
  writeAtomically(
    `${resultPath2}${RETAINERS_SUFFIX}`,
    JSON.stringify({ ...file, ms: Math.round(performance3.now() - started) })
  );
  return true;
}
async function capture(options, settings) {
  const sites = growingSites(options.config, options.result);
  const limitMs = settings.timeoutSeconds * 1e3;
  let file;
  if (sites.length === 0) {
    file = { status: "skipped", reason: "no growing site in the workload\u2019s code to look for" };
  } else {
    const capture2 = await captureRetainers({
      sites,
      iterate: options.iterate,
      collect: options.collect,
      remap: options.remap,
      probeUrlPrefixes: [options.probeUrlPrefix],
      heapLimit: settings.maxHeap,
      growthPerIteration: growthPerIteration(options.result),
      // The snapshot itself cannot be interrupted: the iterations and the walk share what it leaves.
      iterationsTimeoutMs: Math.min(1e4, limitMs * 0.1),
      analysisTimeoutMs: limitMs * 0.4
    });
    file = capture2.status === "captured" ? {
      status: "captured",
      ...capture2.stats.truncated ? { truncated: true } : {},
      sites: sites.map((site, index) => ({
        file: site.file,
        line: site.line,
        function: site.functionName,
        paths: capture2.sites[index] ?? []
      })),
      heapUsed: capture2.stats.heapUsed
    } : { status: capture2.status, reason: capture2.reason };
  }
  return file;
}
function growthPerIteration(result) {
  const grown = result.after.memory.heapUsed + result.after.memory.external - (result.baseline.memory.heapUsed + result.baseline.memory.external);
  return result.iterations > 0 ? Math.max(0, grown / result.iterations) : 0;
}
function wantsRetainers(config2, result) {
  const ceilings = config2.retainers?.ceilings;
  const growth = result.after.memory.heapUsed + result.after.memory.external - (result.baseline.memory.heapUsed + result.baseline.memory.external);
  if (ceilings) {
    if (ceilings.maxRetained !== null && growth > ceilings.maxRetained) return true;
    if (ceilings.maxHeap !== null && result.after.memory.heapUsed > ceilings.maxHeap) return true;
    if (ceilings.maxRss !== null && result.peakRss > ceilings.maxRss) return true;
  }
  const confirm2 = config2.confirm;
  if (!confirm2 || growth <= confirmationPlan(result.iterations, confirm2.leakRate).suspectAbove) return false;
  const c = result.confirmation;
  if (!c) return true;
  return judgeConfirmation(
    result.series.map(ratePoint),
    c.readings.map(ratePoint),
    c.segmentEnds,
    confirm2.leakRate,
    c.stoppedBy
  ).leak;
}
function growingSites(config2, result) {
  const cwd = process.cwd();
  const baseline = result.profiler.continuous ? result.baseline.snapshot : { allocations: [] };
  const diff = diffSnapshots(result.confirmation?.snapshot ?? result.after.snapshot, baseline, {
    groupBy: "line",
    cwd,
    include: config2.include,
    exclude: config2.exclude
  });
  return diff.filter((site) => site.sizeDiff > 0 && site.file !== "" && !site.file.startsWith("node:") && site.line > 0).slice(0, config2.retainers?.sites ?? 10).map((site) => ({
    functionName: site.function,
    file: isAbsolute(site.file) ? site.file : resolve(cwd, site.file),
    line: site.line
  }));
}

// src/measure/probe/samplers/v8-profiler-next.ts
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
var PROBE_FRAMES = 8;
function load(workloadDir) {
  let failure;
  for (const base of [join(workloadDir, "noop.js"), import.meta.url]) {
    const require2 = createRequire(base);
    let entry;
    try {
      entry = require2.resolve("v8-profiler-next");
    } catch {
      continue;
    }
    try {
      return { profiler: require2(entry), dir: dirname(entry) };
    } catch (error) {
      failure ??= error.message.split("\n")[0] ?? String(error);
    }
  }
  const why = failure ? ` It is installed but could not load on Node ${process.versions.node}: ${failure}.` : " It is not installed.";
  throw new SamplerUnavailableError(
    `the v8-profiler-next profiler is unavailable.${why} Install it in the workload's project with \`npm install --save-dev v8-profiler-next\` (a native addon, built for the Node version that installs it), or use the default inspector profiler.`
  );
}
var V8ProfilerNextSampler = class {
  constructor(options) {
    this.options = options;
    const loaded = load(options.workloadDir);
    this.profiler = loaded.profiler;
    this.ownPrefixes = [`${loaded.dir}/`, `${pathToFileURL(loaded.dir).href}/`];
    this.info = {
      backend: "v8-profiler-next",
      samplingInterval: options.samplingInterval,
      stackDepth: options.stackDepth,
      countsObjects: false,
      continuous: false
    };
  }
  options;
  info;
  /** Started without kSamplingForceGC: its read does not collect. */
  readCollects = false;
  profiler;
  running = false;
  /** The addon's own JavaScript, which allocates the profile it returns: memgate's, like the probe. */
  ownPrefixes;
  async start() {
  }
  async baseline() {
    this.profiler.startSamplingHeapProfiling(this.options.samplingInterval, this.options.stackDepth + PROBE_FRAMES);
    this.running = true;
    return { allocations: [] };
  }
  async after() {
    const profile = this.profiler.stopSamplingHeapProfiling();
    this.running = false;
    const snapshot = profileToSnapshot(profile.head, {
      lineBase: 1,
      stackDepth: this.options.stackDepth,
      probeUrlPrefixes: [...this.options.probeUrlPrefixes, ...this.ownPrefixes],
      ...this.options.remap ? { remap: this.options.remap } : {}
    });
    return { snapshot, raw: toDevToolsProfile(profile.head, 1) };
  }
  async stop() {
    if (this.running) this.profiler.stopSamplingHeapProfiling();
    this.running = false;
  }
};

// src/measure/probe/node-probe.ts
var startedAt = performance4.now();
var realExit = process.exit.bind(process);
var configText = process.env[ENV_CONFIG];
var eventsPath = process.env[ENV_EVENTS];
var resultPath = process.env[ENV_RESULT];
if (!configText || !eventsPath || !resultPath) {
  process.stderr.write(
    "memgate probe: started without MEMGATE_CONFIG/MEMGATE_EVENTS/MEMGATE_RESULT; it is run by memgate, not by hand.\n"
  );
  realExit(70);
}
delete process.env[ENV_CONFIG];
delete process.env[ENV_EVENTS];
delete process.env[ENV_RESULT];
var config = JSON.parse(configText);
var eventsFd = openSync(eventsPath, "a");
function emit(event) {
  writeSync(eventsFd, `${JSON.stringify(event)}
`);
}
var phase = "load";
var iteration;
var settled = false;
var peakRss = 0;
function highWaterRss() {
  try {
    const match = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync2("/proc/self/status", "utf8"));
    if (match) return Number(match[1]) * 1024;
  } catch {
  }
  return process.resourceUsage().maxRSS * 1024;
}
function memory() {
  const { heapUsed, heapTotal, external, arrayBuffers, rss } = process.memoryUsage();
  if (rss > peakRss) peakRss = rss;
  return { heapUsed, heapTotal, external, arrayBuffers, rss };
}
var codeFromSpaces = getHeapSpaceStatistics().some((space) => space.space_name.includes("trusted"));
function codeSize() {
  if (!codeFromSpaces) return getHeapCodeStatistics().code_and_metadata_size;
  let size = 0;
  for (const space of getHeapSpaceStatistics()) {
    if (space.space_name.includes("code") || space.space_name.includes("trusted")) size += space.space_used_size;
  }
  return size;
}
function seriesPoint(iteration2, heapUsed, external, code = codeSize()) {
  return { iteration: iteration2, heapUsed, external, code };
}
function fail(kind, error, at = phase, iterationAt = iteration) {
  if (!settled) {
    settled = true;
    const message = typeof error === "string" ? error : error instanceof Error ? error.message || error.name : `non-error value thrown: ${describe(error)}`;
    const stack = error instanceof Error && typeof error.stack === "string" ? withoutProbeFrames(error.stack) : void 0;
    emit({
      event: "error",
      kind,
      phase: at,
      ...iterationAt !== void 0 ? { iteration: iterationAt } : {},
      message,
      ...stack ? { stack } : {}
    });
  }
  realExit(1);
}
function withoutProbeFrames(stack) {
  const own = new URL(".", import.meta.url).href;
  return stack.split("\n").filter((line) => !(/^\s+at /.test(line) && line.includes(own))).join("\n");
}
function describe(value) {
  try {
    return typeof value === "string" ? JSON.stringify(value) : String(value);
  } catch {
    return typeof value;
  }
}
process.exit = ((code) => {
  if (!settled) {
    settled = true;
    const numeric = Number(code ?? process.exitCode ?? 0);
    emit({
      event: "exit",
      code: Number.isFinite(numeric) ? numeric : 1,
      phase,
      ...iteration !== void 0 ? { iteration } : {}
    });
  }
  realExit(code);
});
var onAsyncError = (error) => fail(phase === "load" ? "load" : "threw", error);
process.on("uncaughtException", onAsyncError);
process.on("unhandledRejection", onAsyncError);
process.on("exit", () => {
  if (settled) return;
  settled = true;
  const where = iteration !== void 0 ? `${describePhase(phase)}, iteration ${iteration}` : describePhase(phase);
  emit({
    event: "error",
    kind: "timeout",
    phase,
    ...iteration !== void 0 ? { iteration } : {},
    message: `${where} never finished: it returned a promise that never settles (nothing was left for the event loop to do, so no timeout was needed to tell)`
  });
});
var isFunction = (value) => typeof value === "function";
var isObject = (value) => typeof value === "object" && value !== null;
function resolveWorkload(ns) {
  const def = ns.default;
  const holder = isObject(def) && !isFunction(def) ? def : void 0;
  const pick = (name) => {
    if (isFunction(ns[name])) return { fn: ns[name], self: ns };
    if (holder && isFunction(holder[name])) return { fn: holder[name], self: holder };
    return void 0;
  };
  const run = isFunction(def) ? { fn: def, self: void 0 } : holder && isFunction(holder.default) ? { fn: holder.default, self: holder } : pick("run");
  if (!run) {
    const names = /* @__PURE__ */ new Set([
      ...Object.keys(ns).filter((k) => k !== "default" && k !== "__esModule" && k !== "module.exports")
    ]);
    if (holder) {
      for (const key of Object.keys(holder)) if (key !== "__esModule") names.add(key);
    }
    const found = names.size > 0 ? `exports: ${[...names].join(", ")}` : "no exports";
    const defaultNote = def !== void 0 && !holder ? `; the default export is a ${def === null ? "null" : typeof def}, not a function` : "";
    return `${found}${defaultNote}; expected a default export or \`run\` function (one iteration)`;
  }
  const options = isObject(ns.options) ? ns.options : holder && isObject(holder.options) ? holder.options : void 0;
  const iterations = options?.iterations;
  if (iterations !== void 0 && !(typeof iterations === "number" && Number.isInteger(iterations) && iterations > 0)) {
    return `options.iterations must be a positive whole number, got ${JSON.stringify(iterations) ?? String(iterations)}`;
  }
  const own = readWorkloadCeilings(options);
  if ("error" in own) return `${config.workload}: ${own.error}`;
  return {
    ceilings: own.ceilings,
    run,
    setup: pick("setup"),
    teardown: pick("teardown"),
    iterations
  };
}
async function call(callable) {
  const value = callable.fn.call(callable.self);
  if (isObject(value) || isFunction(value)) {
    const then = value.then;
    if (isFunction(then)) {
      await value;
      return true;
    }
  }
  return false;
}
var collector = new Collector();
var rounds = Math.max(1, config.gcRounds);
var collect = () => collector.collect(rounds);
var probeUrlPrefix = new URL(".", import.meta.url).href;
var sourceMaps = /* @__PURE__ */ new Map();
function remap(frame) {
  if (frame.line === 0 || frame.file === "" || frame.file.startsWith("node:")) return frame;
  if (/[\\/]node_modules[\\/]/.test(frame.file)) return frame;
  let map = sourceMaps.get(frame.file);
  if (map === void 0) {
    try {
      map = findSourceMap(frame.file) ?? findSourceMap(pathToFileURL2(frame.file).href) ?? null;
    } catch {
      map = null;
    }
    sourceMaps.set(frame.file, map);
  }
  if (!map) return frame;
  const entry = map.findEntry(frame.line - 1, Math.max(0, frame.column - 1));
  if (!entry.originalSource || entry.originalLine === void 0 || entry.originalColumn === void 0) return frame;
  return {
    functionName: frame.functionName,
    file: toPath(entry.originalSource),
    line: entry.originalLine + 1,
    column: entry.originalColumn + 1
  };
}
function createSampler() {
  const options = {
    samplingInterval: config.samplingInterval,
    stackDepth: config.stackDepth,
    probeUrlPrefixes: [probeUrlPrefix],
    workloadDir: dirname2(config.workload),
    remap
  };
  return config.profiler === "v8-profiler-next" ? new V8ProfilerNextSampler(options) : new InspectorSampler(options);
}
function checkpoints(n, count) {
  const points = /* @__PURE__ */ new Set();
  for (let k = 1; k <= count; k++) {
    const at = Math.round(k * n / (count + 1));
    if (at > 0 && at < n) points.add(at);
  }
  return [...points];
}
var SLOW_ITERATION_MS = 10;
var PROGRESS_GAP_MS = 100;
var current;
var lastProgressAt = 0;
function progress(pass, completed, of) {
  lastProgressAt = performance4.now();
  if (current) current.completed = completed;
  emit({ event: "progress", pass, iteration: completed, of, memory: memory() });
}
async function runPass(pass, workload, n, stops = /* @__PURE__ */ new Set(), onCheckpoint) {
  phase = PASS_PHASE[pass];
  emit({ event: "phase", phase, memory: memory() });
  current = { pass, completed: 0, of: n };
  const progressEvery = Math.max(1, Math.ceil(n / 10));
  const t0 = performance4.now();
  let spent = 0;
  for (let i = 1; i <= n; i++) {
    iteration = i;
    const started = performance4.now();
    let async = false;
    try {
      async = await call(workload.run);
    } catch (error) {
      fail("threw", error);
    }
    const now = performance4.now();
    const milestone = i % progressEvery === 0 || i === n;
    if (async || milestone) await nextTurn();
    if (milestone || now - started >= SLOW_ITERATION_MS || now - lastProgressAt >= PROGRESS_GAP_MS)
      progress(pass, i, n);
    if (onCheckpoint && stops.has(i)) {
      const c0 = performance4.now();
      const stop = await onCheckpoint(i);
      spent += performance4.now() - c0;
      if (stop === true) break;
    }
  }
  iteration = void 0;
  current = void 0;
  return performance4.now() - t0 - spent;
}
function startWatchdog() {
  setInterval(() => {
    if (current && iteration !== void 0 && iteration - 1 > current.completed)
      progress(current.pass, iteration - 1, current.of);
  }, 1e3).unref();
}
var confirmPassMs = 0;
var BIG_HEAP_READINGS = 2;
async function confirm(settings, workload, n, measured, start, bigHeap) {
  const t0 = performance4.now();
  if (!start) {
    await collect();
    const { heapUsed, external } = memory();
    start = seriesPoint(n, heapUsed, external);
  }
  const readings = [start];
  let endRead = false;
  const segmentEnds = [];
  let previous = rateOf(measured.map(ratePoint)).rate;
  let previousAgreed = false;
  const planned = confirmationPlan(n, settings.leakRate).firstLength;
  let length = bigHeap ? bigHeapFirstLength(planned, bigHeap.msPerIteration, collector.fullMs / Math.max(1, collector.full)) : planned;
  let at = n;
  let stoppedBy = "segments";
  let msPerIteration = 0;
  for (let segment = 0; segment < settings.maxSegments; segment++) {
    const elapsed = performance4.now() - t0;
    if (segment > 0 && elapsed + length * msPerIteration > settings.budgetMs) {
      stoppedBy = "budget";
      break;
    }
    const from = at;
    const perSegment = bigHeap ? Math.min(settings.readings, BIG_HEAP_READINGS) : settings.readings;
    const stops = new Set(Array.from({ length: perSegment }, (_, k) => Math.round((k + 1) * length / perSegment)));
    const s0 = performance4.now();
    const reading = (base, last) => async (i) => {
      if (bigHeap && i === last) {
        await collector.collect(Math.max(1, rounds - 1));
        await nextTurn();
        const code = codeSize();
        const read2 = await bigHeap.read();
        if (read2.heap) {
          writeFileSync2(bigHeap.file, JSON.stringify(read2.value));
          endRead = true;
          readings.push(seriesPoint(base + i, read2.heap.used, memory().external, code));
          return;
        }
      }
      endRead = false;
      if (bigHeap && i !== last) {
        await collector.collect(1);
        await nextTurn();
        minorGc();
        const { heapUsed: heapUsed2, external: external2 } = memory();
        readings.push(seriesPoint(base + i, heapUsed2, external2));
        return;
      }
      await collect();
      const { heapUsed, external } = memory();
      readings.push(seriesPoint(base + i, heapUsed, external));
    };
    const pointsFrom = () => readings.filter((p) => p.iteration >= from).map(ratePoint);
    const read = reading(from, length);
    const readAndDecide = async (i) => {
      await read(i);
      return decidedEarly(intervalRates(pointsFrom()), perSegment, previous, settings.leakRate, previousAgreed) !== null;
    };
    confirmPassMs += await runPass(3, workload, length, stops, readAndDecide);
    let to = readings[readings.length - 1].iteration;
    if (bigHeap) {
      const outcome = (r) => judgeSegment(r, previous, settings.leakRate, previousAgreed);
      const points2 = pointsFrom();
      const decided = outcome(rateOf(points2).rate);
      if (intervalRates(points2).some((r) => outcome(r) !== decided)) {
        const more = Math.round(length / 2);
        confirmPassMs += await runPass(3, workload, more, /* @__PURE__ */ new Set([more]), reading(to, more));
        to += more;
      }
    }
    msPerIteration = (performance4.now() - s0) / (to - from);
    at = to;
    segmentEnds.push(at);
    const points = pointsFrom();
    const rate = rateOf(points).rate;
    if (judgeSegment(rate, previous, settings.leakRate, previousAgreed) !== "decays") {
      stoppedBy = null;
      break;
    }
    previousAgreed = agreedForNext(rate, previous, segment === 0);
    previous = rate;
    length *= 2;
  }
  return { readings, segmentEnds, stoppedBy, memory: memory(), endRead };
}
var PENDING_CHECK_ITERATIONS = 20;
var PENDING_CHECK_MS = 500;
async function pendingPromises(workload, n, msPerIteration) {
  const iterations = Math.max(
    1,
    Math.min(n, PENDING_CHECK_ITERATIONS, Math.floor(PENDING_CHECK_MS / Math.max(msPerIteration, 1e-3)))
  );
  phase = "confirm";
  emit({ event: "phase", phase, memory: memory() });
  const own = await leftPending({ fn: async () => {
  }, self: void 0 }, iterations, Number.POSITIVE_INFINITY);
  const count = await leftPending(workload.run, iterations, own);
  return { count: Math.max(0, count - own), iterations };
}
async function leftPending(run, iterations, own) {
  const created = [];
  const settled2 = /* @__PURE__ */ new WeakSet();
  const stops = [
    promiseHooks.onInit((promise) => void created.push(new WeakRef(promise))),
    promiseHooks.onSettled((promise) => void settled2.add(promise))
  ];
  const pending = () => created.reduce((n, ref) => {
    const promise = ref.deref();
    return promise && !settled2.has(promise) ? n + 1 : n;
  }, 0);
  try {
    for (let i = 1; i <= iterations; i++) {
      iteration = i;
      try {
        await call(run);
      } catch (error) {
        fail("threw", error);
      }
    }
    iteration = void 0;
    await nextTurn();
    const deadline = performance4.now() + SETTLE_MS;
    for (let last = pending(), still = 0; still < 2 && performance4.now() < deadline; ) {
      await new Promise((resolve2) => setTimeout(resolve2, SETTLE_STEP_MS));
      const now = pending();
      still = now < last ? 0 : still + 1;
      last = now;
    }
  } finally {
    for (const stop of stops) stop();
  }
  await nextTurn();
  minorGc();
  if (pending() > own) await collector.collect(1);
  return pending();
}
var SETTLE_MS = 250;
var SETTLE_STEP_MS = 10;
async function computeLineEnds() {
  findSourceMap(pathToFileURL2(config.workload).href);
  let session;
  try {
    session = new Session3();
    session.connect();
  } catch {
    return;
  }
  const post = (method) => new Promise((resolve2) => session.post(method, () => resolve2()));
  await post("Debugger.enable");
  await post("Debugger.disable");
  session.disconnect();
}
async function main() {
  let sampler;
  try {
    sampler = createSampler();
  } catch (error) {
    if (error instanceof SamplerUnavailableError) fail("runtime", error.message);
    throw error;
  }
  emit({ event: "phase", phase: "load", memory: memory() });
  let ns;
  try {
    ns = await import(pathToFileURL2(config.workload).href);
  } catch (error) {
    const code = error.code;
    const url = error.url;
    const missingSelf = code === "ERR_MODULE_NOT_FOUND" && (url === pathToFileURL2(config.workload).href || error.message.includes(`'${config.workload}'`));
    fail(missingSelf ? "not-found" : "load", withLocation(error));
  }
  const workload = resolveWorkload(ns);
  if (typeof workload === "string") fail("no-export", workload);
  const n = config.iterations ?? workload.iterations ?? config.defaultIterations;
  if (typeof workload.ceilings.maxRetained === "number") delete config.confirm;
  if (config.retainers) config.retainers.ceilings = { ...config.retainers.ceilings, ...workload.ceilings };
  await computeLineEnds();
  phase = "setup";
  emit({ event: "phase", phase, memory: memory() });
  const s0 = performance4.now();
  if (workload.setup) {
    try {
      await call(workload.setup);
    } catch (error) {
      fail("threw", error);
    }
  }
  const setupMs = performance4.now() - s0;
  const checkpointed = !config.confirm || memory().heapUsed <= config.confirm.checkpointHeapLimit;
  if (!checkpointed) setFlagsFromString2("--no-flush-bytecode");
  if (!checkpointed) codeFromSpaces = true;
  if (!checkpointed) setFlagsFromString2("--no-incremental-marking");
  await sampler.start();
  startWatchdog();
  const checkpointRounds = config.confirm ? 1 : rounds;
  const checkpoint = async (into, at) => {
    await collector.collect(checkpointRounds);
    const { heapUsed, external } = memory();
    into.push(seriesPoint(at, heapUsed, external));
  };
  const rehearsal = [];
  const pass1Ms = await runPass(
    1,
    workload,
    n,
    new Set(checkpointed ? checkpoints(n, config.seriesPoints).slice(0, 1) : []),
    (at) => checkpoint(rehearsal, at)
  );
  phase = "baseline";
  await (sampler.readCollects ? nextTurn() : collect());
  const base = await collector.read(() => sampler.baseline(), sampler.readCollects);
  const readCollects = base.heap !== null;
  const baselineFile = `${resultPath}.baseline.json`;
  writeFileSync2(baselineFile, JSON.stringify(base.value));
  await collector.collect(readCollects ? Math.max(1, rounds - 1) : rounds);
  const baselineMemory = memory();
  emit({ event: "phase", phase, memory: baselineMemory });
  const series = [seriesPoint(0, baselineMemory.heapUsed, baselineMemory.external)];
  const pass2Ms = await runPass(
    2,
    workload,
    n,
    new Set(checkpointed ? checkpoints(n, config.seriesPoints) : []),
    (at) => checkpoint(series, at)
  );
  phase = "after";
  let afterMemory;
  let afterCode;
  let after;
  if (readCollects) {
    await collector.collect(Math.max(1, rounds - 1));
    await nextTurn();
    afterCode = codeSize();
    const read = await collector.read(() => sampler.after(), true);
    after = read.value;
    if (!read.heap) {
      await collect();
      afterCode = codeSize();
    }
    afterMemory = read.heap ? { ...memory(), heapUsed: read.heap.used, heapTotal: read.heap.total } : memory();
  } else {
    await collect();
    afterMemory = memory();
    afterCode = codeSize();
    after = (await collector.read(() => sampler.after(), false)).value;
  }
  emit({ event: "phase", phase, memory: afterMemory });
  const afterPoint = seriesPoint(n, afterMemory.heapUsed, afterMemory.external, afterCode);
  series.push(afterPoint);
  let profile = after.raw;
  const c0 = performance4.now();
  let confirmation;
  if (config.confirm && afterMemory.heapUsed + afterMemory.external - (baselineMemory.heapUsed + baselineMemory.external) > confirmationPlan(n, config.confirm.leakRate).suspectAbove) {
    const afterFile = `${resultPath}.after.json`;
    writeFileSync2(afterFile, JSON.stringify(after.snapshot));
    after.snapshot = { allocations: [] };
    const fromAfter = readCollects && sampler.info.continuous;
    if (fromAfter) after.raw = profile = null;
    const start = fromAfter ? afterPoint : null;
    const endFile = `${resultPath}.end.json`;
    const { endRead, ...confirmed } = await confirm(
      config.confirm,
      workload,
      n,
      series,
      start,
      fromAfter && !checkpointed ? { read: () => collector.read(() => sampler.after(), true), file: endFile, msPerIteration: pass2Ms / n } : null
    );
    confirmation = confirmed;
    if (sampler.info.continuous) {
      const end = endRead ? JSON.parse(readFileSync2(endFile, "utf8")) : (await collector.read(() => sampler.after(), readCollects)).value;
      confirmation.snapshot = end.snapshot;
      profile = end.raw;
    }
    after.snapshot = JSON.parse(readFileSync2(afterFile, "utf8"));
  }
  const confirmMs = confirmation ? performance4.now() - c0 : 0;
  await sampler.stop();
  if (config.profileOut) writeFileSync2(config.profileOut, JSON.stringify(profile));
  const grew = afterMemory.heapUsed + afterMemory.external - (baselineMemory.heapUsed + baselineMemory.external);
  const pending = grew > GROWTH_FLOOR ? await pendingPromises(workload, n, pass2Ms / n) : void 0;
  const result = {
    runtime: {
      name: "node",
      version: process.versions.node,
      engine: process.versions.v8,
      executable: process.execPath
    },
    profiler: sampler.info,
    iterations: n,
    baseline: { memory: baselineMemory, snapshot: JSON.parse(readFileSync2(baselineFile, "utf8")) },
    after: { memory: afterMemory, snapshot: after.snapshot },
    peakRss: Math.max(peakRss, highWaterRss()),
    series,
    ...confirmation ? { confirmation } : {},
    ...Object.keys(workload.ceilings).length > 0 ? { workloadCeilings: workload.ceilings } : {},
    ...pending ? { pendingPromises: pending } : {},
    timings: {
      startupMs: startedAt,
      setupMs,
      pass1Ms,
      pass2Ms,
      collectMs: collector.collectMs,
      profileMs: collector.profileMs,
      confirmMs,
      ...confirmation ? { confirmPassMs } : {},
      gc: collector.timings(),
      totalMs: performance4.now() - startedAt
    }
  };
  const enter = () => {
    phase = "retainers";
    emit({ event: "phase", phase, memory: memory() });
  };
  const captured2 = await retainersStep({
    config,
    result,
    resultPath,
    enter,
    iterate: () => call(workload.run),
    collect,
    remap,
    probeUrlPrefix
  });
  phase = "teardown";
  emit({ event: "phase", phase, memory: memory() });
  if (workload.teardown) {
    try {
      await call(workload.teardown);
    } catch (error) {
      fail("threw", error);
    }
  }
  if (!captured2) result.timings.totalMs = performance4.now() - startedAt;
  writeFileSync2(`${resultPath}.tmp`, JSON.stringify(result));
  renameSync2(`${resultPath}.tmp`, resultPath);
  settled = true;
  emit({ event: "done" });
  closeSync(eventsFd);
  realExit(0);
}
function withLocation(error) {
  if (!(error instanceof SyntaxError) || typeof error.stack !== "string") return error;
  if (error.stack.includes(config.workload) || error.stack.includes(pathToFileURL2(config.workload).href)) return error;
  const check = spawnSync(process.execPath, [...process.execArgv, "--check", config.workload], {
    encoding: "utf8",
    timeout: 3e4
  });
  const location = check.status !== 0 ? /^(.+):(\d+)\n([^\n]*\n[^\n]*\^[^\n]*)/m.exec(check.stderr ?? "") : null;
  const located = new SyntaxError(
    location ? `${error.message} at ${location[1]}:${location[2]}` : `${error.message} (in ${config.workload} or a module it imports)`
  );
  located.stack = location ? `${location[1]}:${location[2]}
${location[3]}

${located.name}: ${error.message}` : `${located.name}: ${located.message}`;
  return located;
}
main().catch((error) => {
  fail("probe", error);
});
/*! For license information please see node-probe.mjs.LEGAL.txt */
